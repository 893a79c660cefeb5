// The kubectl steps of lesson 7's CSR API workflow: a recipe (commands the reader runs), so it lives
// in src/recipes and uses src/kube's object-name rule, never the other way round.
import { checkCsrObjectName } from '../../kube/build-certificate-signing-request.ts';
import type { RecipeCommand } from '../recipe-command.ts';
import { checkFileName, shellQuote } from '../shell-quote.ts';

/** File names for csrWorkflowCommands. */
export interface CsrWorkflowOptions {
  /** Where the issued certificate is saved, e.g. "jane.crt". */
  certificateFile: string;
  /** The file holding the CertificateSigningRequest YAML. Default: "<name>-csr.yaml". */
  manifestFile?: string;
}

/** The kubectl lines that submit, approve and collect a CertificateSigningRequest, ready to copy. */
export function csrWorkflowCommands(name: string, options: CsrWorkflowOptions): RecipeCommand[] {
  checkCsrObjectName(name);
  const manifest = options.manifestFile ?? `${name}-csr.yaml`;
  checkFileName('manifestFile', manifest);
  checkFileName('certificateFile', options.certificateFile);
  return [
    {
      description: 'Submit the request to the cluster.',
      command: `kubectl apply -f ${shellQuote(manifest)}`,
    },
    {
      description: 'Approve it (as a cluster admin); the signer then issues the certificate.',
      command: `kubectl certificate approve ${name}`,
    },
    {
      description:
        'Save the issued certificate (the field stays empty until the request is approved and signed).',
      command: `kubectl get csr ${name} -o jsonpath='{.status.certificate}' | base64 -d > ${shellQuote(options.certificateFile)}`,
    },
  ];
}
