// The nginx labs (lessons 4 and 5): default.conf, the docker and curl commands, the experiments
// with their outcomes, and nginx-lab.sh. Pure functions returning text; they run in the browser too.

export {
  HTTPS_HELLO,
  NGINX_LAB_STEPS,
  type NginxConfigParams,
  type NginxLabStep,
  nginxConfig,
} from './config.ts';
export {
  type DockerRunParams,
  dockerRunCommand,
  NGINX_CONTAINER,
  writeDefaultConfCommand,
} from './docker-commands.ts';
export {
  CLIENT_DN,
  EXAMPLE_CLIENT_DN,
  type ExperimentCommandParams,
  experiment,
  experimentCommand,
  experimentsOf,
  NGINX_EXPERIMENTS,
  type NginxExperiment,
  nginxErrorPage,
  withClientDn,
} from './experiments.ts';
export { nginxLabScript, nginxLabSummary, type ScriptReportParams, scriptReport } from './lab-script.ts';
export { OTHER_CLIENT_FILES, otherClientCommands } from './other-client.ts';
