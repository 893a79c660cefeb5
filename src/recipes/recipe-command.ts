import type { ClientCertificateParams, RootCaParams, ServerCertificateParams } from '../pki/types.ts';

/** One step of a recipe: what it does, and the command line to run exactly as printed (bash). */
export interface RecipeCommand {
  /** What the step does, in English. */
  description: string;
  command: string;
  /** A stable name of the step (e.g. "openssl.ca"), so a page can show the description translated. */
  step?: string;
  /** The values the description names (file names, days…), for the translated text. */
  vars?: Record<string, string | number>;
}

/** A file a recipe hands out, e.g. cfssl's ca-csr.json. */
export interface RecipeFile {
  name: string;
  content: string;
}

/** The lab set of lesson 3: a root CA, a server certificate and a client certificate. */
export interface LabCertificateParams {
  rootCa: RootCaParams;
  server: ServerCertificateParams;
  client: ClientCertificateParams;
}

/** File names as `cfssljson -bare` writes them; the openssl recipe uses the same. */
export const LAB_FILES = {
  rootCa: { base: 'rootCA', certificate: 'rootCA.pem', key: 'rootCA-key.pem', csrJson: 'ca-csr.json' },
  server: { base: 'server', certificate: 'server.pem', key: 'server-key.pem', csrJson: 'server-csr.json' },
  client: { base: 'client', certificate: 'client.pem', key: 'client-key.pem', csrJson: 'client-csr.json' },
  cfsslConfig: 'config.json',
} as const;
