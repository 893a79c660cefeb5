import { LabError } from './errors.ts';
import { issueWithKey } from './issue-with-key.ts';
import { loadSigningCa } from './load-signing-ca.ts';
import type { IntermediateCaParams, IssuedCertificate, SigningCa } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** An intermediate CA signed by `ca` (pathLen default 0, AKI + SKI) and its new key. */
export async function issueIntermediateCa(
  params: IntermediateCaParams,
  ca: SigningCa,
): Promise<IssuedCertificate> {
  assertValidParams('intermediate-ca', params);
  const issuer = await loadSigningCa(ca);
  if (issuer.certificate.basicConstraints?.pathLength === 0) {
    throw new LabError(
      'ca/path-length-exceeded',
      'The issuing CA has pathLen 0: it may sign only leaf certificates, not another CA',
      { field: 'ca' },
    );
  }
  return issueWithKey(params, 3650, () => ({
    profile: 'intermediate-ca',
    issuer,
    pathLength: params.pathLength ?? 0,
  }));
}
