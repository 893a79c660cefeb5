// src/recipes: the files and command lines the site hands out to make, on a host, what the
// browser makes (cfssl, openssl, kubectl config).
export { type CfsslCommandOptions, cfsslCommands, cfsslFiles } from './cfssl-commands.ts';
export { cfsslConfigJson, cfsslLeafUsages } from './cfssl-config-json.ts';
export {
  CFSSL_KEY_ALGORITHMS,
  type CfsslCsrKind,
  cfsslCsrJson,
  cfsslHours,
  cfsslKey,
} from './cfssl-csr-json.ts';
export { type KubectlConfigParams, kubectlConfigCommands } from './kubectl-config-commands.ts';
export { archiveMode, buildLabArchive, LAB_ARCHIVE_FOLDER, labArchiveReadme } from './lab-archive.ts';
export { genpkeyArguments, opensslCommands, opensslLeafKeyUsage } from './openssl-commands.ts';
export { opensslSubject } from './openssl-subject.ts';
export {
  LAB_FILES,
  type LabCertificateParams,
  type RecipeCommand,
  type RecipeFile,
} from './recipe-command.ts';
export { type CheckedSubject, checkSubject } from './recipe-params.ts';
export { checkFileName, shellQuote } from './shell-quote.ts';
export {
  type CsrProgramParams,
  X509_CSR_PROGRAM,
  x509CsrProgram,
  x509CsrRecipe,
} from './x509-csr-program.ts';
export { X509_LAB_PROGRAM, x509LabProgram, x509LabRecipe } from './x509-lab-program.ts';
export { X509_PROGRAM_INSTALL } from './x509-program-parts.ts';
