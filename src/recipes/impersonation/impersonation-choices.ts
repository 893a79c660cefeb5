// What the impersonation widget (lesson 5.4) works out from the reader's choices: the kubectl
// command with --as/--as-group/--as-uid/--as-user-extra, the Impersonate-* headers kubectl sends
// (src/tokens impersonationHeaders), the RBAC objects that allow exactly that impersonation, and
// kube-apiserver's verdict under the generated objects or the reader's own (src/tokens
// impersonate): the `kubectl auth whoami` table, or the 403 text and what `kubectl auth whoami`
// says instead. No DOM: the page renders the default at build time with it; the element calls it on
// each edit. Every problem is a LabError put at the field that caused it.

import { hasControlCharacter } from '../../pki/control-characters.ts';
import { fieldAttempts, isLabError, LabError } from '../../pki/errors.ts';
import {
  type ImpersonationVerdict,
  impersonate,
  type RbacObject,
} from '../../tokens/impersonation-authorize.ts';
import {
  type ImpersonationAttributes,
  impersonationAttributes,
  impersonationHeaders,
  readImpersonationHeaders,
} from '../../tokens/impersonation-headers.ts';
import { whoamiForUser } from '../../tokens/whoami-for-user.ts';
import { shellQuote } from '../shell-quote.ts';
import { impersonationRbac, readRbacYaml } from './impersonation-rbac.ts';

/** The widget's fields, by their data-field names. */
export const FIELDS = [
  'requester',
  'requesterGroups',
  'as',
  'asGroups',
  'asUid',
  'asUserExtra',
  'rbacSource',
  'rbac',
] as const;
export type Field = (typeof FIELDS)[number];
export type Inputs = Partial<Record<Field, string>>;

/** What the fields hold before the reader changes them: jane (the part-1 user) acts as sam of group qa. */
export const DEFAULTS: Record<Field, string> = {
  requester: 'jane',
  requesterGroups: 'developers',
  as: 'sam',
  asGroups: 'qa',
  asUid: '',
  asUserExtra: '',
  rbacSource: 'generated',
  rbac: '',
};

/** What kubectl prints for `kubectl auth whoami` when the server answers 403 (kubectl's whoami.go forbiddenErr). */
export const WHOAMI_FORBIDDEN =
  'error: the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it';

/** Everything the widget shows. A part that failed is missing and its problem is at a field. */
export interface ImpersonationResult {
  problems: Partial<Record<Field, LabError>>;
  /** kubectl's flags for the choices, e.g. ["--as=sam", "--as-group=qa"]. */
  flags?: string[];
  /** `kubectl auth whoami` with the flags, quoted for bash. */
  whoamiCommand?: string;
  /** `kubectl get --raw /api` with the flags: the command that prints the 403 itself. */
  rawCommand?: string;
  /** The Impersonate-* header lines kubectl sends, in its order. */
  headers?: [string, string][];
  /** What kube-apiserver authorizes with verb impersonate, in its order. */
  attributes?: ImpersonationAttributes[];
  /** The generated RBAC objects' YAML. */
  rbacYaml?: string;
  /** The verdict under the chosen RBAC objects. */
  verdict?: ImpersonationVerdict;
  /** What `kubectl auth whoami` prints (stdout when allowed, stderr when refused). */
  whoami?: string;
  /** What `kubectl get --raw /api` prints on stderr when refused. */
  rawError?: string;
}

/** One value a line (a group name may hold a comma, as a repeated --as-group flag may). */
const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

function checkValue(field: Field, value: string): void {
  if (hasControlCharacter(value))
    throw new LabError('impersonation/control-character', `${field} holds a control character`, { field });
}

/** Works out the command, headers, RBAC objects and verdict for the widget's inputs. */
export function computeImpersonation(inputs: Inputs): ImpersonationResult {
  const v = { ...DEFAULTS, ...inputs };
  const problems: ImpersonationResult['problems'] = {};
  const attempt = fieldAttempts(problems);
  const requester = attempt('requester', () => {
    const name = v.requester.trim();
    if (!name) throw new LabError('impersonation/no-requester', 'The requester (your own user) is empty');
    checkValue('requester', name);
    return name;
  });
  const requesterGroups = attempt('requesterGroups', () => {
    const groups = lines(v.requesterGroups);
    for (const g of groups) checkValue('requesterGroups', g);
    return groups;
  });
  const as = v.as.trim();
  const asGroups = lines(v.asGroups);
  const asUid = v.asUid.trim();
  const asUserExtra = lines(v.asUserExtra);
  attempt('as', () => checkValue('as', as));
  attempt('asGroups', () => {
    for (const g of asGroups) checkValue('asGroups', g);
  });
  attempt('asUid', () => checkValue('asUid', asUid));
  attempt('asUserExtra', () => {
    for (const x of asUserExtra) checkValue('asUserExtra', x);
  });
  if (problems.as || problems.asGroups || problems.asUid || problems.asUserExtra) return { problems };
  const flagsIn = { as, asGroups, asUid, asUserExtra };
  let headers: [string, string][] | undefined;
  try {
    headers = impersonationHeaders(flagsIn);
  } catch (e) {
    if (!isLabError(e)) throw e;
    problems[e.code === 'impersonation/bad-extra' ? 'asUserExtra' : 'as'] = e;
    return { problems };
  }
  if (!headers.length) {
    problems.as = new LabError('impersonation/no-as', 'Nothing to impersonate: --as is empty');
    return { problems };
  }
  const flags = [
    `--as=${as}`,
    ...asGroups.map((g) => `--as-group=${g}`),
    ...(asUid ? [`--as-uid=${asUid}`] : []),
    ...asUserExtra.map((x) => `--as-user-extra=${x}`),
  ];
  const quoted = flags.map(shellQuote).join(' ');
  const read = readImpersonationHeaders(headers);
  const attributes = 'error' in read ? [] : read.requests.map(impersonationAttributes);
  const out: ImpersonationResult = {
    problems,
    flags,
    whoamiCommand: `kubectl auth whoami ${quoted}`,
    rawCommand: `kubectl get --raw /api ${quoted}`,
    headers,
    attributes,
  };
  if (requester === undefined || requesterGroups === undefined) return out;
  out.rbacYaml = impersonationRbac({ requester, as, attributes }).yaml;
  let rbac: RbacObject[] | undefined;
  if (v.rbacSource === 'edited') {
    rbac = attempt('rbac', () => readRbacYaml(v.rbac.trim() ? v.rbac : (out.rbacYaml ?? '')));
    if (!rbac) return out;
  } else rbac = impersonationRbac({ requester, as, attributes }).objects;
  // The real user as the authenticators leave it: system:authenticated added (AuthenticatedGroupAdder).
  const groups = requesterGroups.includes('system:authenticated')
    ? requesterGroups
    : [...requesterGroups, 'system:authenticated'];
  const verdict = impersonate({
    requester: { username: requester, uid: '', groups, extra: {} },
    headers,
    rbac,
  });
  out.verdict = verdict;
  if (verdict.outcome === 'impersonated') out.whoami = whoamiForUser(verdict.user);
  else if (verdict.outcome === 'forbidden') {
    out.whoami = WHOAMI_FORBIDDEN;
    out.rawError = `Error from server (Forbidden): ${verdict.message}`;
  }
  return out;
}
