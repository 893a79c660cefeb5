import { derSortedGroups } from '../pki/describe-identity.ts';
import { cfsslConfigJson } from './cfssl-config-json.ts';
import { cfsslCsrJson } from './cfssl-csr-json.ts';
import {
  LAB_FILES,
  type LabCertificateParams,
  type RecipeCommand,
  type RecipeFile,
} from './recipe-command.ts';

const { rootCa, server, client, cfsslConfig } = LAB_FILES;

/** The four JSON files the cfssl recipe needs: ca-csr.json, server-csr.json, client-csr.json, config.json. */
export function cfsslFiles(lab: LabCertificateParams): RecipeFile[] {
  return [
    { name: rootCa.csrJson, content: cfsslCsrJson('root-ca', lab.rootCa) },
    { name: server.csrJson, content: cfsslCsrJson('server', lab.server) },
    { name: client.csrJson, content: cfsslCsrJson('client', lab.client) },
    { name: cfsslConfig, content: cfsslConfigJson(lab) },
  ];
}

/** Options of cfsslCommands. */
export interface CfsslCommandOptions {
  /** Start with commands that write the JSON files (heredocs), so the list runs alone. Default: false. */
  writeFiles?: boolean;
}

/** The `cfssl gencert … | cfssljson -bare …` lines that make rootCA, server and client (*.pem, *-key.pem). */
export function cfsslCommands(lab: LabCertificateParams, options: CfsslCommandOptions = {}): RecipeCommand[] {
  // Building the files first checks every parameter, including the algorithms cfssl can make.
  const files = cfsslFiles(lab);
  const writes: RecipeCommand[] = options.writeFiles
    ? files.map((f) => ({
        description: `Write ${f.name}.`,
        step: 'cfssl.write',
        vars: { file: f.name },
        command: `cat > ${f.name} <<'EOF'\n${f.content}EOF`,
      }))
    : [];
  const sign = (profile: 'server' | 'client', csrJson: string, base: string) =>
    `cfssl gencert -ca=${rootCa.certificate} -ca-key=${rootCa.key} -config=${cfsslConfig} -profile=${profile} ${csrJson} | cfssljson -bare ${base}`;
  return [
    ...writes,
    {
      description: `Make the root CA: ${rootCa.certificate} and its key ${rootCa.key}.`,
      step: 'cfssl.ca',
      vars: { cert: rootCa.certificate, key: rootCa.key },
      command: `cfssl gencert -initca ${rootCa.csrJson} | cfssljson -bare ${rootCa.base}`,
    },
    {
      description: `Make the server certificate with the server profile: ${server.certificate} and ${server.key}.`,
      step: 'cfssl.server',
      vars: { cert: server.certificate, key: server.key },
      command: sign('server', server.csrJson, server.base),
    },
    clientStep(lab, sign('client', client.csrJson, client.base)),
  ];
}

/**
 * The client step. cfssl (Go's pkix.Name) writes every O into one multi-valued RDN, a DER SET,
 * which sorts them: when that changes the order, the step says the order Kubernetes will report.
 */
function clientStep(lab: LabCertificateParams, command: string): RecipeCommand {
  const typed = lab.client.subject.organizations ?? [];
  const sorted = derSortedGroups(typed);
  const vars = { cert: client.certificate, key: client.key };
  if (sorted.every((g, i) => g === typed[i])) {
    return {
      description: `Make the client certificate with the client profile: ${client.certificate} and ${client.key}.`,
      step: 'cfssl.client',
      vars,
      command,
    };
  }
  const groups = sorted.join(', ');
  return {
    description: `Make the client certificate with the client profile: ${client.certificate} and ${client.key}. cfssl writes every group into one RDN, a DER set, which sorts them, so Kubernetes will list them as ${groups}.`,
    step: 'cfssl.clientSorted',
    vars: { ...vars, groups },
    command,
  };
}
