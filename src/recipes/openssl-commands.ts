// The openssl (3.0+) way to make the same lab set as the browser and cfssl: same file names, same
// extensions. Leaves get their extensions from a small file written with printf (no process
// substitution, nothing taken from the CSR), so what is signed is exactly what is shown. Keys are
// PKCS#8 from genpkey, created under umask 077 (mode 600). Without -CAserial/-CAcreateserial,
// `openssl x509 -req` (3.0+) picks a random serial and writes no .srl file.
import type { KeyAlgorithm } from '../pki/types.ts';
import { opensslSubject } from './openssl-subject.ts';
import { LAB_FILES, type LabCertificateParams, type RecipeCommand } from './recipe-command.ts';
import { checkLab } from './recipe-params.ts';
import { shellQuote } from './shell-quote.ts';

const { rootCa, server, client } = LAB_FILES;

/** Key usages of a leaf: digitalSignature, plus keyEncipherment for RSA keys (as src/pki and cfssl). */
export function opensslLeafKeyUsage(algorithm: KeyAlgorithm | undefined): string {
  return (algorithm ?? 'RSA-2048').startsWith('RSA')
    ? 'critical,digitalSignature,keyEncipherment'
    : 'critical,digitalSignature';
}

/** The `openssl genpkey` arguments for an algorithm (PKCS#8 output). */
export function genpkeyArguments(algorithm: KeyAlgorithm): string {
  switch (algorithm) {
    case 'RSA-2048':
    case 'RSA-3072':
    case 'RSA-4096':
      return `-algorithm RSA -pkeyopt rsa_keygen_bits:${algorithm.slice(4)}`;
    case 'ECDSA-P256':
    case 'ECDSA-P384':
      return `-algorithm EC -pkeyopt ec_paramgen_curve:P-${algorithm.slice(7)} -pkeyopt ec_param_enc:named_curve`;
    case 'Ed25519':
      return '-algorithm ED25519';
  }
}

/** The digest option for signatures made by a key of this algorithm (none for Ed25519). */
function digest(algorithm: KeyAlgorithm): string {
  return algorithm === 'Ed25519' ? '' : algorithm === 'ECDSA-P384' ? ' -sha384' : ' -sha256';
}

function genpkey(algorithm: KeyAlgorithm, file: string, what: string, role: string): RecipeCommand {
  return {
    description: `Make the ${what} private key ${file} (${algorithm}), readable only by you.`,
    step: `openssl.key.${role}`,
    vars: { file, algorithm },
    command: `(umask 077 && openssl genpkey -quiet ${genpkeyArguments(algorithm)} -out ${file})`,
  };
}

function extFile(file: string, lines: string[]): string {
  return `printf '%s\\n' ${lines.map(shellQuote).join(' ')} > ${file}`;
}

/** The openssl command lines that make rootCA, server and client (*.pem, *-key.pem), in order. */
export function opensslCommands(lab: LabCertificateParams): RecipeCommand[] {
  const checked = checkLab(lab);
  const { algorithm: caAlgorithm, subject: caSubject, days: caDays, pathLength } = checked.rootCa;
  const { algorithm: serverAlgorithm, subject: serverSubject, days: serverDays } = checked.server;
  const sans = [
    ...checked.server.dnsNames.map((d) => `DNS:${d}`),
    ...checked.server.ipAddresses.map((ip) => `IP:${ip}`),
  ];
  const { algorithm: clientAlgorithm, subject: clientSubject, days: clientDays } = checked.client;

  const caConstraints = `critical,CA:TRUE${pathLength === undefined ? '' : `,pathlen:${pathLength}`}`;
  const leafLines = (algorithm: KeyAlgorithm, eku: string, extra: string[]) => [
    'basicConstraints = critical,CA:FALSE',
    `keyUsage = ${opensslLeafKeyUsage(algorithm)}`,
    `extendedKeyUsage = ${eku}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid:always',
    ...extra,
  ];
  const sign = (base: string, days: number) =>
    `openssl x509 -req -in ${base}.csr -CA ${rootCa.certificate} -CAkey ${rootCa.key}${digest(caAlgorithm)} -days ${days} -extfile ${base}-ext.cnf -out ${base}.pem`;

  return [
    genpkey(caAlgorithm, rootCa.key, 'root CA', 'ca'),
    {
      description: `Make the self-signed root CA certificate ${rootCa.certificate} (CA:TRUE, keyCertSign and cRLSign), valid ${caDays} days.`,
      step: 'openssl.ca',
      vars: { file: rootCa.certificate, days: caDays },
      command:
        `openssl req -x509 -new -key ${rootCa.key}${digest(caAlgorithm)} -days ${caDays} -utf8 -subj ${shellQuote(opensslSubject(caSubject))}` +
        ` -addext ${shellQuote(`basicConstraints=${caConstraints}`)} -addext keyUsage=critical,keyCertSign,cRLSign` +
        ` -addext subjectKeyIdentifier=hash -out ${rootCa.certificate}`,
    },
    genpkey(serverAlgorithm, server.key, 'server', 'server'),
    {
      description: `Make the server's certificate signing request ${server.base}.csr.`,
      step: 'openssl.serverCsr',
      vars: { file: `${server.base}.csr` },
      command: `openssl req -new -key ${server.key}${digest(serverAlgorithm)} -utf8 -subj ${shellQuote(opensslSubject(serverSubject))} -out ${server.base}.csr`,
    },
    {
      description: `Write the server certificate's extensions to ${server.base}-ext.cnf (serverAuth only, CA:FALSE${sans.length > 0 ? ', the SANs' : ''}).`,
      step: sans.length > 0 ? 'openssl.serverExtSans' : 'openssl.serverExt',
      vars: { file: `${server.base}-ext.cnf` },
      command: extFile(
        `${server.base}-ext.cnf`,
        leafLines(
          serverAlgorithm,
          'serverAuth',
          sans.length > 0 ? [`subjectAltName = ${sans.join(',')}`] : [],
        ),
      ),
    },
    {
      description: `Sign it with the root CA: ${server.certificate}, valid ${serverDays} days.`,
      step: 'openssl.serverSign',
      vars: { file: server.certificate, days: serverDays },
      command: sign(server.base, serverDays),
    },
    genpkey(clientAlgorithm, client.key, 'client', 'client'),
    {
      description: `Make the client's certificate signing request ${client.base}.csr (CN = user, each O = a group).`,
      step: 'openssl.clientCsr',
      vars: { file: `${client.base}.csr` },
      command: `openssl req -new -key ${client.key}${digest(clientAlgorithm)} -utf8 -subj ${shellQuote(opensslSubject(clientSubject))} -out ${client.base}.csr`,
    },
    {
      description: `Write the client certificate's extensions to ${client.base}-ext.cnf (clientAuth only, CA:FALSE).`,
      step: 'openssl.clientExt',
      vars: { file: `${client.base}-ext.cnf` },
      command: extFile(`${client.base}-ext.cnf`, leafLines(clientAlgorithm, 'clientAuth', [])),
    },
    {
      description: `Sign it with the root CA: ${client.certificate}, valid ${clientDays} days.`,
      step: 'openssl.clientSign',
      vars: { file: client.certificate, days: clientDays },
      command: sign(client.base, clientDays),
    },
  ];
}
