// The simulator's form fields: a setup and a request survive the trip through the fields' texts,
// missing or unknown values fall back to the default example's, and every field name the engine
// puts in a LabError's details is one of the form's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabError } from '../../../src/pki/errors.ts';
import {
  DEFAULT_REQUEST,
  DEFAULT_SETUP,
  exampleRequest,
  makeExamples,
  SIMULATOR_DEFAULTS,
  SIMULATOR_FIELDS,
  simulateRequest,
  simulatorInput,
  simulatorValues,
} from '../../../src/tokens/index.ts';

describe('the request simulator’s fields', () => {
  it('give back the setup and request they were made from', async () => {
    const ex = await makeExamples();
    const request = exampleRequest('proxy', ex);
    assert.deepEqual(simulatorInput(simulatorValues(ex.setup, request)), { setup: ex.setup, request });
  });

  it('fall back to the default example for missing and unknown values', () => {
    assert.deepEqual(simulatorInput({}), { setup: DEFAULT_SETUP, request: DEFAULT_REQUEST });
    const odd = simulatorInput({ endpoint: '/metrics', anonymousMode: 'maybe', tokenOn: 'yes' });
    assert.equal(odd.request.endpoint, 'whoami');
    assert.equal(odd.setup.anonymous.mode, 'on');
    assert.equal(odd.setup.tokenFile.on, false);
  });

  it('name every field the engine reports a problem at', async () => {
    const fields = new Set<string>(SIMULATOR_FIELDS);
    const bad: Record<string, string>[] = [
      { rhOn: 'on', rhCaPem: '' },
      { rhOn: 'on', rhCaPem: 'not a pem' },
      { clientCaOn: 'on', clientCaPem: '' },
      { tokenCsv: 'only-one-column' },
      { saOn: 'on', saKeyPem: '' },
      { saOn: 'on', saKeyPem: 'junk' },
      { oidcOn: 'on', oidcIssuerUrl: 'http://plain', oidcKeyPem: '' },
      { oidcOn: 'on', oidcClientId: '' },
      { webhookUsers: '{' },
      { anonymousMode: 'conditions', anonymousPaths: 'livez' },
      { anonymousMode: 'conditions', anonymousPaths: '' },
      { headers: 'no colon here' },
      { headers: 'Authorization: Bearer x' },
      { certificatePem: 'not a certificate' },
    ];
    for (const values of bad) {
      const { setup, request } = simulatorInput({ ...SIMULATOR_DEFAULTS, ...values });
      await assert.rejects(
        simulateRequest(setup, request),
        (e: unknown) => {
          assert.ok(e instanceof LabError, String(e));
          assert.ok(fields.has(String(e.details.field)), `${e.code} at ${String(e.details.field)}`);
          return true;
        },
        JSON.stringify(values),
      );
    }
  });
});
