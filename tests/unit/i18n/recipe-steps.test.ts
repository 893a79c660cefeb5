import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dictionary } from '../../../src/i18n/index.ts';
import { userCheckCommands } from '../../../src/recipes/cluster/index.ts';
import {
  cfsslCommands,
  kubectlConfigCommands,
  type LabCertificateParams,
  opensslCommands,
} from '../../../src/recipes/index.ts';
import { LAB_KUBECTL_CONFIG } from '../../support/lab-params.ts';

const lab = (withSans: boolean): LabCertificateParams => ({
  rootCa: { subject: { commonName: 'CA' } },
  server: { subject: { commonName: 'localhost' }, dnsNames: withSans ? ['localhost'] : [] },
  client: { subject: { commonName: 'jane', organizations: ['dev'] } },
});

test('every recipe step the workbench shows has a translated description with the same placeholders', () => {
  const sortedGroups = {
    ...lab(true),
    client: { subject: { commonName: 'jane', organizations: ['dev', 'qa'] } },
  };
  const steps = [true, false].flatMap((sans) => [
    ...opensslCommands(lab(sans)),
    ...cfsslCommands(lab(sans), { writeFiles: true }),
    ...cfsslCommands(sortedGroups),
  ]);
  for (const lang of ['en', 'ko'] as const) {
    const dict = dictionary(lang);
    for (const c of steps) {
      assert.ok(c.step, `no step name for "${c.description}"`);
      const text = dict[`workbench.recipe.${c.step}`];
      assert.ok(text, `${lang}: no text for step ${c.step}`);
      for (const name of Object.keys(c.vars ?? {}))
        assert.match(text, new RegExp(`\\{${name}\\}`), `${lang} ${c.step}`);
    }
  }
});

test('every kubectl config and user-check step has a translated description with the same placeholders', () => {
  const steps = [
    ...kubectlConfigCommands(LAB_KUBECTL_CONFIG),
    ...userCheckCommands({
      server: 'https://192.0.2.10:6443',
      certificateFile: 'jane.crt',
      keyFile: 'jane-key.pem',
      kubeconfigFile: 'jane.kubeconfig',
    }),
  ];
  for (const lang of ['en', 'ko'] as const) {
    const dict = dictionary(lang);
    for (const c of steps) {
      assert.ok(c.step, `no step name for "${c.description}"`);
      const text = dict[`recipeStep.${c.step}`];
      assert.ok(text, `${lang}: no text for step ${c.step}`);
      for (const name of Object.keys(c.vars ?? {}))
        assert.match(text, new RegExp(`\\{${name}\\}`), `${lang} ${c.step}`);
    }
  }
});
