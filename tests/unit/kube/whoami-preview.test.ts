import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CREDENTIAL_ID_EXTRA_KEY, whoamiPreview } from '../../../src/kube/index.ts';
import { isLabError } from '../../../src/pki/errors.ts';

const cases: [string, Parameters<typeof whoamiPreview>[0], string][] = [
  [
    'prints user and groups with system:authenticated appended',
    { user: 'jane', groups: ['developers', 'admins'] },
    'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [developers admins system:authenticated]\n',
  ],
  [
    'prints only system:authenticated for a user without groups',
    { user: 'jane', groups: [] },
    'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [system:authenticated]\n',
  ],
  [
    'does not add system:authenticated twice',
    { user: 'jane', groups: ['system:authenticated', 'dev'] },
    'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [system:authenticated dev]\n',
  ],
  [
    'prints the UID row between Username and Groups when set',
    { user: 'jane', groups: ['dev'], uid: '1234' },
    'ATTRIBUTE   VALUE\nUsername    jane\nUID         1234\nGroups      [dev system:authenticated]\n',
  ],
  [
    'prints kubeadm admin.conf as a recent cluster does, extra row widening the first column',
    {
      user: 'kubernetes-admin',
      groups: ['kubeadm:cluster-admins'],
      extra: {
        [CREDENTIAL_ID_EXTRA_KEY]: [
          'X509SHA256=b60cc1464f76677534b70b572827a7e1fce0f8d00acd3b8394c6303fc4ca19f0',
        ],
      },
    },
    [
      'ATTRIBUTE                                           VALUE',
      'Username                                            kubernetes-admin',
      'Groups                                              [kubeadm:cluster-admins system:authenticated]',
      'Extra: authentication.kubernetes.io/credential-id   [X509SHA256=b60cc1464f76677534b70b572827a7e1fce0f8d00acd3b8394c6303fc4ca19f0]',
      '',
    ].join('\n'),
  ],
  [
    'sorts extra keys and keeps Unicode values as they are',
    { user: 'José', groups: ['équipe'], extra: { b: ['2'], a: ['1', 'x'] } },
    'ATTRIBUTE   VALUE\nUsername    José\nGroups      [équipe system:authenticated]\nExtra: a    [1 x]\nExtra: b    [2]\n',
  ],
];

for (const [name, params, expected] of cases) {
  test(`whoamiPreview ${name}`, () => {
    assert.equal(whoamiPreview(params), expected);
  });
}

test('whoamiPreview refuses an empty user name with whoami/empty-user', () => {
  assert.throws(
    () => whoamiPreview({ user: '', groups: ['dev'] }),
    (e) => isLabError(e, 'whoami/empty-user'),
  );
});
