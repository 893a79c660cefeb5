// The request simulator's two compact fields that stand for cluster objects:
// - the bootstrap tokens, one `<id>.<secret> [extra groups…] [expires=<RFC 3339>] [usages=…]` a
//   line, each turned into the bootstrap-token Secret in kube-system that `kubeadm token create`
//   writes (buildBootstrapTokenSecret; usages default to authentication,signing, no extra group
//   unless one is listed);
// - who may impersonate whom, one `<requester>: users/<name> groups/<name> uids/<uid>
//   serviceaccounts/<namespace>/<name> userextras/<key>` a line (`*` for any name or namespace;
//   a requester `group/<name>` is a group), each turned into RBAC objects: a ClusterRole and
//   ClusterRoleBinding for what is cluster-wide, a Role and RoleBinding in the namespace of a named
//   service account. The same objects are the stand-in's -rbac-file in the table test.
import type { LabErrorCode } from '../pki/error-codes.ts';
import { LabError } from '../pki/errors.ts';
import { parseRfc3339 } from './authenticate-bootstrap-token.ts';
import type { BootstrapUsage } from './bootstrap-token.ts';
import { buildBootstrapTokenSecret, type SecretObject } from './bootstrap-token-secret.ts';
import type { RbacObject, RbacRule } from './impersonation-authorize.ts';

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: raw.trim(), n: i + 1 }))
    .filter((l) => l.line !== '');

/**
 * The bootstrap-token Secrets the lines describe. Throws `simulator/bad-bootstrap-token`,
 * `simulator/bad-bootstrap-group`, `simulator/bad-bootstrap-expiration`,
 * `simulator/bad-bootstrap-usage`, `simulator/duplicate-bootstrap-token` (details: field
 * 'bootstrapTokens', line).
 */
export function readBootstrapTokens(text: string): SecretObject[] {
  const out: SecretObject[] = [];
  const seen = new Set<string>();
  for (const { line, n } of lines(text)) {
    const fail = (code: LabErrorCode, message: string, value: string) =>
      new LabError(code, message, { field: 'bootstrapTokens', line: n, value });
    const [token = '', ...rest] = line.split(/\s+/);
    const groups: string[] = [];
    let expiration: Date | undefined;
    let usages: BootstrapUsage[] | undefined;
    for (const word of rest) {
      if (word.startsWith('expires=')) {
        const at = parseRfc3339(word.slice('expires='.length));
        if (!at)
          throw fail(
            'simulator/bad-bootstrap-expiration',
            `Line ${n}: ${word} is not expires=<RFC 3339 time> such as expires=2030-01-01T00:00:00Z`,
            word,
          );
        expiration = at;
      } else if (word.startsWith('usages=')) {
        const list = word.slice('usages='.length).split(',').filter(Boolean);
        if (!list.length || list.some((u) => u !== 'authentication' && u !== 'signing'))
          throw fail(
            'simulator/bad-bootstrap-usage',
            `Line ${n}: ${word} is not usages= with authentication and/or signing`,
            word,
          );
        usages = list as BootstrapUsage[];
      } else groups.push(word);
    }
    let secret: SecretObject;
    try {
      secret = buildBootstrapTokenSecret({
        token,
        extraGroups: groups,
        description: '',
        ...(expiration ? { expiration } : {}),
        ...(usages ? { usages } : {}),
      }).object;
    } catch (e) {
      if (e instanceof LabError && e.code === 'bootstrap-token/bad-group')
        throw fail(
          'simulator/bad-bootstrap-group',
          `Line ${n}: ${String(e.details.value)} is not a bootstrap group (system:bootstrappers:…)`,
          String(e.details.value),
        );
      throw fail(
        'simulator/bad-bootstrap-token',
        `Line ${n}: ${token} is not a bootstrap token <id>.<secret> (6 and 16 of a-z, 0-9)`,
        token,
      );
    }
    if (seen.has(secret.metadata.name))
      throw fail('simulator/duplicate-bootstrap-token', `Line ${n}: the token id is listed twice`, token);
    seen.add(secret.metadata.name);
    out.push(secret);
  }
  return out;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const LINE = /^(\S+?):\s+(\S.*)$/;

/**
 * The RBAC objects the impersonation lines describe. Throws `simulator/bad-impersonation-line`,
 * `simulator/bad-impersonation-target` (details: field 'impersonationRules', line, value).
 */
export function readImpersonationRules(text: string): RbacObject[] {
  const out: RbacObject[] = [];
  for (const { line, n } of lines(text)) {
    const m = LINE.exec(line);
    if (!m)
      throw new LabError(
        'simulator/bad-impersonation-line',
        `Line ${n} is not "<requester>: users/<name> …": ${line}`,
        { field: 'impersonationRules', line: n, value: line },
      );
    const requester = m[1]!;
    const subject = requester.startsWith('group/')
      ? { apiGroup: RBAC_GROUP, kind: 'Group' as const, name: requester.slice('group/'.length) }
      : { apiGroup: RBAC_GROUP, kind: 'User' as const, name: requester };
    if (!subject.name)
      throw new LabError(
        'simulator/bad-impersonation-line',
        `Line ${n} is not "<requester>: users/<name> …": ${line}`,
        { field: 'impersonationRules', line: n, value: line },
      );
    const cluster: RbacRule[] = [];
    const byNamespace = new Map<string, RbacRule[]>();
    for (const target of m[2]!.trim().split(/\s+/)) {
      const parts = target.split('/');
      const bad = () =>
        new LabError(
          'simulator/bad-impersonation-target',
          `Line ${n}: ${target} is not users/<name>, groups/<name>, uids/<uid>, serviceaccounts/<namespace>/<name> or userextras/<key>`,
          { field: 'impersonationRules', line: n, value: target },
        );
      const rule = (apiGroup: string, resource: string, name: string): RbacRule => ({
        verbs: ['impersonate'],
        apiGroups: [apiGroup],
        resources: [resource],
        ...(name === '*' ? {} : { resourceNames: [name] }),
      });
      const [kind, a = '', b = ''] = parts;
      if ((kind === 'users' || kind === 'groups') && parts.length === 2 && a) cluster.push(rule('', kind, a));
      else if (kind === 'uids' && parts.length === 2 && a)
        cluster.push(rule('authentication.k8s.io', 'uids', a));
      else if (kind === 'userextras' && parts.length === 2 && a)
        cluster.push(rule('authentication.k8s.io', `userextras/${a}`, '*'));
      else if (kind === 'serviceaccounts' && parts.length === 3 && a && b) {
        if (a === '*') cluster.push(rule('', 'serviceaccounts', b));
        else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(a)) throw bad();
        else byNamespace.set(a, [...(byNamespace.get(a) ?? []), rule('', 'serviceaccounts', b)]);
      } else throw bad();
    }
    const name = `kal-sim-impersonate-${n}`;
    if (cluster.length) {
      out.push({ kind: 'ClusterRole', metadata: { name }, rules: cluster });
      out.push({
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name },
        subjects: [subject],
      });
    }
    for (const [namespace, rules] of byNamespace) {
      out.push({ kind: 'Role', metadata: { name, namespace }, rules });
      out.push({
        kind: 'RoleBinding',
        metadata: { name, namespace },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name },
        subjects: [subject],
      });
    }
  }
  return out;
}

/** The RBAC objects as a v1 List in JSON (what the stand-in's -rbac-file takes). */
export function rbacListJson(objects: readonly RbacObject[]): string {
  return `${JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: objects.map((o) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', ...o })),
    },
    null,
    2,
  )}\n`;
}
