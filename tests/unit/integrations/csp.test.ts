import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { hashScript, policyFor } from '../../../src/integrations/csp.ts';

describe('content security policy', () => {
  it('hashes an inline script the way browsers compare it', () => {
    const text = 'document.documentElement.dataset.theme = "dark";';
    const expected = createHash('sha256').update(text).digest('base64');
    assert.equal(hashScript(text), `sha256-${expected}`);
  });

  it('allows scripts only from the site and the listed hashes, never unsafe-inline', () => {
    const policy = policyFor(['sha256-b', 'sha256-a', 'sha256-a']);
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src'));
    assert.equal(scriptSrc, "script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'");
    // Only styles may be inline (Starlight's); no other directive allows it.
    const inline = policy.split('; ').filter((d) => d.includes("'unsafe-inline'"));
    assert.deepEqual(
      inline.map((d) => d.split(' ')[0]),
      ['style-src'],
    );
    assert.match(policy, /object-src 'none'/);
    assert.match(policy, /connect-src 'self'/);
  });
});
