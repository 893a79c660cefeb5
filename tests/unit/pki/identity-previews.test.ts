// The identity previews for Kubernetes 1.32+ (the credential-id row) and 1.33+ (a subject UID,
// attribute 1.3.6.1.4.1.57683.2), and the group order a certificate from the CSR API will carry.
// The two fixtures were made with openssl (oid_section kubeUID = 1.3.6.1.4.1.57683.2, signed by a
// throwaway CA): one with UID 4f0d2c1e, one with two UIDs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { credentialIdExtra, whoamiPreview, x509CredentialId } from '../../../src/kube/index.ts';
import {
  createCsr,
  derSortedGroups,
  describeCsrApiIdentity,
  describeIdentity,
} from '../../../src/pki/index.ts';

const WITH_UID = `-----BEGIN CERTIFICATE-----
MIIBlzCCAT6gAwIBAgIBBzAKBggqhkjOPQQDAjAVMRMwEQYDVQQDDAprdWJlcm5l
dGVzMB4XDTI2MTIwNjE5MDgyM1oXDTM2MTIwMzE5MDgyM1owPTETMBEGA1UECgwK
ZGV2ZWxvcGVyczENMAsGA1UEAwwEamFuZTEXMBUGCSsGAQQBg8JTAgwINGYwZDJj
MWUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQvXZolzPTz9L52WtQJKjSAwoFx
AGs28vbBWoZkGgkK349rCcaQqNoXqSiySqDzpaSRP3V5OkMXMdzqQNAHHI9Zo1cw
VTATBgNVHSUEDDAKBggrBgEFBQcDAjAdBgNVHQ4EFgQULpD0ZFTuXqnLfJmXkmEn
lR5LUukwHwYDVR0jBBgwFoAUiDFQyFOc6tUxQhenJ9B2xBPVY8gwCgYIKoZIzj0E
AwIDRwAwRAIgOBTDf6iw6dDGsu8FWMWSp8ha1RfiRLxxByfddVtOB/kCIAqVhZHM
Ga5YbMtpqkbz7d3yOSXWhS+36/Upf+bL0U1l
-----END CERTIFICATE-----
`;
const TWO_UIDS = `-----BEGIN CERTIFICATE-----
MIIBozCCAUmgAwIBAgIBBzAKBggqhkjOPQQDAjAVMRMwEQYDVQQDDAprdWJlcm5l
dGVzMB4XDTI2MTIwNjE5MDgyM1oXDTM2MTIwMzE5MDgyM1owSDETMBEGA1UECgwK
ZGV2ZWxvcGVyczENMAsGA1UEAwwEamFuZTEQMA4GCSsGAQQBg8JTAgwBYTEQMA4G
CSsGAQQBg8JTAgwBYjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABP+lwL+Oz0zX
/GHNpHuqCCL+t+MR2hjeBPxh/IIg2oYvurLAndTWjc98+a6yuny2S6CHtEuS3Wud
tM5Ftdf0kvKjVzBVMBMGA1UdJQQMMAoGCCsGAQUFBwMCMB0GA1UdDgQWBBTUSB7f
Yaf2nz0m356XmnbOEJurUzAfBgNVHSMEGDAWgBSIMVDIU5zq1TFCF6cn0HbEE9Vj
yDAKBggqhkjOPQQDAgNIADBFAiEAnv0hEIZ2+XA2tju64QWBtYgFH6GyVzti5O65
KfUcv6QCIDBTVVta39t3MwECP+o8JWR9qyFNpGVVy6p8zbfmq8/I
-----END CERTIFICATE-----
`;

describe('identity previews', () => {
  test('read the UID attribute kube-apiserver 1.33+ takes as the user UID', () => {
    const id = describeIdentity(WITH_UID);
    assert.equal(id.authenticated, true);
    assert.equal(id.user, 'jane');
    assert.deepEqual(id.groups, ['developers', 'system:authenticated']);
    assert.equal(id.uid, '4f0d2c1e');
  });

  test('authenticate no one when the subject holds two UIDs', () => {
    const id = describeIdentity(TWO_UIDS);
    assert.equal(id.authenticated, false);
    assert.equal(id.reason?.code, 'identity/multiple-uids');
  });

  test('print the UID row and, as every cluster from 1.32 on, the credential-id row', () => {
    const id = x509CredentialId('AB:CD');
    assert.equal(
      whoamiPreview({ user: 'jane', groups: ['developers'], uid: '4f0d2c1e', extra: credentialIdExtra(id) }),
      [
        ['ATTRIBUTE', 'VALUE'],
        ['Username', 'jane'],
        ['UID', '4f0d2c1e'],
        ['Groups', '[developers system:authenticated]'],
        ['Extra: authentication.kubernetes.io/credential-id', '[X509SHA256=abcd]'],
      ]
        // kubectl's tab writer: the first column as wide as its longest cell plus 3.
        .map(([label, value]) => `${label!.padEnd(52)}${value}\n`)
        .join(''),
    );
  });

  test('put the groups of a CSR in the order the CSR API signer will write them', async () => {
    const { csrPem } = await createCsr({
      subject: { commonName: 'jane', organizations: ['developers', 'qa'] },
    });
    const api = describeCsrApiIdentity(csrPem);
    assert.deepEqual(api.requestedGroups, ['developers', 'qa']);
    assert.deepEqual(api.groups, ['qa', 'developers']);
    assert.equal(api.reordered, true);
    assert.deepEqual(derSortedGroups(['ops', 'a+b', 'équipe', 'Ops']), ['Ops', 'a+b', 'ops', 'équipe']);
  });

  test('say the groups keep their order when they were typed in the order the signer writes them', async () => {
    for (const organizations of [['qa', 'developers'], ['developers'], []]) {
      const { csrPem } = await createCsr({ subject: { commonName: 'jane', organizations } });
      const api = describeCsrApiIdentity(csrPem);
      assert.deepEqual(api.groups, organizations);
      assert.equal(api.reordered, false, organizations.join(','));
    }
  });
});
