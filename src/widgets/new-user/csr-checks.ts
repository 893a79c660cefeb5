// What is wrong with, or worth a warning about, the CSR builder's fields: the engine's subject
// checks plus lesson 7's rules for new users (no system:masters, no system: names, a lifetime the
// CertificateSigningRequest API accepts). Loaded with the engine on the first check, so the page's
// own script stays small.
import { expirationSecondsVerdict } from '../../kube/expiration-seconds.ts';
import type * as Pki from '../../pki/index.ts';
import { visibleName } from '../../pki/visible-name.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import type { CsrField } from './csr-fields.ts';
import { splitGroups } from './state.ts';

export interface Problem {
  field: CsrField;
  text: string;
  kind: 'error' | 'warning';
}

/** Every error and warning for the fields' values `v`. */
export function csrProblems(
  t: Translate,
  pki: typeof Pki,
  v: Record<CsrField, string>,
  ed25519 = true,
): Problem[] {
  const groups = splitGroups(v.groups);
  const out: Problem[] = [];
  if (v.user.trim() === '') out.push({ field: 'user', kind: 'error', text: t('newuser.userEmpty') });
  const fieldOf: Record<string, CsrField> = {
    commonName: 'user',
    organizations: 'groups',
    algorithm: 'algorithm',
  };
  for (const e of pki.findParamErrors('csr', {
    subject: { commonName: v.user, organizations: groups },
    algorithm: v.algorithm as never,
  })) {
    const field = fieldOf[String(e.details.field)] ?? 'user';
    if (field === 'user' && v.user.trim() === '') continue;
    out.push({ field, kind: 'error', text: errorText(t, e) });
  }
  if (v.user !== v.user.trim()) out.push({ field: 'user', kind: 'warning', text: t('newuser.userSpaces') });
  else if (visibleName(v.user).suspicious)
    out.push({
      field: 'user',
      kind: 'warning',
      text: t('newuser.nameHidden', { name: visibleName(v.user).text }),
    });
  for (const g of groups.filter((g) => visibleName(g).suspicious))
    out.push({
      field: 'groups',
      kind: 'warning',
      text: t('newuser.nameHidden', { name: visibleName(g).text }),
    });
  if (v.algorithm === 'Ed25519' && !ed25519)
    out.push({ field: 'algorithm', kind: 'error', text: t('newuser.algorithmUnavailable') });
  if (v.user.startsWith('system:'))
    out.push({ field: 'user', kind: 'warning', text: t('newuser.userSystem') });
  for (const g of groups) {
    if (g === 'system:masters')
      out.push({ field: 'groups', kind: 'error', text: t('newuser.systemMasters') });
    else if (g === 'system:authenticated')
      out.push({ field: 'groups', kind: 'warning', text: t('newuser.groupAuthenticated') });
    else if (g.startsWith('system:'))
      out.push({ field: 'groups', kind: 'warning', text: t('newuser.groupSystem', { group: g }) });
  }
  if (new Set(groups).size !== groups.length)
    out.push({ field: 'groups', kind: 'warning', text: t('newuser.groupDuplicate') });
  if (groups.length === 0) out.push({ field: 'groups', kind: 'warning', text: t('newuser.groupsNone') });
  const expiration = expirationSecondsVerdict(v.expirationSeconds);
  if (expiration === 'not-a-number') {
    out.push({ field: 'expirationSeconds', kind: 'error', text: t('newuser.expirationNotNumber') });
  } else if (expiration === 'too-short') {
    out.push({ field: 'expirationSeconds', kind: 'error', text: t('newuser.expirationTooShort') });
  } else if (expiration === 'capped') {
    out.push({ field: 'expirationSeconds', kind: 'warning', text: t('newuser.expirationLong') });
  }
  return out;
}
