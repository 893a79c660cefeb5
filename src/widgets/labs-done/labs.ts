// The series' labs, part by part, and which of them the reader's workspace holds work for: a lab
// counts when the workspace has a file it makes or a value the reader typed into one of its widgets
// (every widget journals only what the reader changed, so a value there is the reader's own).
// Labs done on the reader's own host (nginx, kubeadm) leave nothing in the browser and are not listed.
import type { Workspace } from '../shared/workspace-format.ts';

export interface Lab {
  /** Stable id, also the key of its title in the page (the lesson's own title). */
  id: string;
  part: 1 | 2 | 3 | 4 | 5 | 6;
  /** The lesson page, without language prefix: "client-certificates/03-lab-issue-certificates". */
  page: string;
  /** The workspace inputs (widget names) that hold the reader's work in this lab. */
  widgets: readonly string[];
  /** Workspace files this lab makes. */
  files?: readonly string[];
}

export const LABS: readonly Lab[] = [
  {
    id: 'certificates',
    part: 1,
    page: 'client-certificates/03-lab-issue-certificates',
    widgets: ['workbench'],
    files: ['rootCA.pem', 'server.pem', 'client.pem'],
  },
  {
    id: 'new-user',
    part: 1,
    page: 'client-certificates/07-lab-new-user',
    widgets: ['new-user', 'kubeconfig-builder', 'new-user-binding'],
  },
  { id: 'token-file', part: 2, page: 'bearer-tokens/02-lab-static-token-file', widgets: ['token-file'] },
  { id: 'bootstrap-token', part: 2, page: 'bearer-tokens/03-bootstrap-tokens', widgets: ['bootstrap-token'] },
  { id: 'sa-token', part: 2, page: 'bearer-tokens/04-service-account-tokens', widgets: ['sa-token'] },
  { id: 'oidc-issuer', part: 3, page: 'oidc/02-lab-your-own-issuer', widgets: ['oidc-issuer'] },
  { id: 'oidc-config', part: 3, page: 'oidc/03-configure-the-api-server', widgets: ['oidc-config'] },
  {
    id: 'webhook-config',
    part: 4,
    page: 'webhook/02-lab-a-webhook-of-your-own',
    widgets: ['webhook-config'],
  },
  { id: 'token-review', part: 4, page: 'webhook/03-tokenreview-playground', widgets: ['token-review'] },
  {
    id: 'proxy-builder',
    part: 5,
    page: 'proxy/02-lab-nginx-as-an-authenticating-proxy',
    widgets: ['proxy-builder'],
  },
  { id: 'impersonation', part: 5, page: 'proxy/04-impersonation', widgets: ['impersonation'] },
  {
    id: 'request-simulator',
    part: 6,
    page: 'authenticator-chain/01-follow-a-request-through-the-chain',
    widgets: ['request-simulator'],
  },
];

const typed = (v: string | string[] | boolean): boolean =>
  v === true ||
  (typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) && v.some((x) => x.trim() !== ''));

/** The ids of the labs the workspace holds work for. */
export function labsWithWork(ws: Pick<Workspace, 'files' | 'inputs'>): Set<string> {
  const done = new Set<string>();
  for (const lab of LABS) {
    const file = (lab.files ?? []).some((f) => typeof ws.files[f] === 'string');
    // "keep" and similar switches alone are not work.
    const input = lab.widgets.some((w) =>
      Object.entries(ws.inputs[w] ?? {}).some(([k, v]) => !/^keep/i.test(k) && typed(v)),
    );
    if (file || input) done.add(lab.id);
  }
  return done;
}
