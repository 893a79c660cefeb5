// src/recipes/cluster: the scripts and commands of lessons 6 (Kubernetes' own PKI) and 7 (a new
// user): kube-pki-copy.sh, sign-on-node.sh, the nginx lab with the API server's certificate, and
// the commands that check a new user. Pure functions returning text; they run in the browser too.

export { bash } from '../bash.ts';
export {
  ADMIN_CLIENT_DN,
  APISERVER_NAME,
  type ApiserverExperiment,
  type ApiserverNginxParams,
  apiserverExperiment,
  apiserverExperimentCommand,
  apiserverExperiments,
  apiserverNginxConfig,
  HOSTS_LINE,
  hostsCleanupCommand,
  hostsEntryCommand,
  realApiserverCommand,
  writeApiserverConfCommand,
} from './apiserver-nginx.ts';
export { type CsrWorkflowOptions, csrWorkflowCommands } from './csr-workflow-commands.ts';
export {
  KUBE_PKI_COPY_DIR,
  KUBE_PKI_COPY_FILES,
  type KubePkiCopyReportParams,
  kubePkiCleanupCommand,
  kubePkiCopyReport,
  kubePkiCopyScript,
} from './kube-pki-copy-script.ts';
export {
  caFromKubeconfigCommand,
  forbiddenPodsMessage,
  type UserCheckParams,
  userCheckCommands,
  writeFileCommand,
} from './new-user-commands.ts';
export {
  daysFromSeconds,
  SIGN_ON_NODE_DEFAULT_DAYS,
  SIGN_ON_NODE_EXTENSIONS,
  SIGN_ON_NODE_MAX_DAYS,
  type SignOnNodeParams,
  type SignOnNodeReportParams,
  signedCertificateFile,
  signOnNodeCommand,
  signOnNodeReport,
  signOnNodeScript,
} from './sign-on-node-script.ts';
export { bindingName, csrObjectName, userFiles } from './user-names.ts';
