// "Load an example", loaded on first use: makes a working credential for every authenticator
// (src/tokens makeExamples: keys and certificates in the browser, the part-1 CA and certificate when
// the workspace holds them), once per page, and fills the fields with the example's setup and request.
import {
  EXAMPLE_REQUESTS,
  type ExampleRequest,
  exampleRequest,
  makeExamples,
  type SimulatorExamples,
} from '../../tokens/request-simulator-examples.ts';
import { simulatorValues } from '../../tokens/request-simulator-fields.ts';
import { errorText } from '../shared/strings.ts';
import type { RequestSimulator } from './element.ts';

let made: Promise<SimulatorExamples> | undefined;

/** Fills `root`'s fields with the example `name` (one of EXAMPLE_REQUESTS). */
export async function exampleValues(root: RequestSimulator, name: string): Promise<void> {
  if (!(EXAMPLE_REQUESTS as readonly string[]).includes(name)) return;
  root.status(root.t('simulator.making'));
  try {
    made ??= makeExamples(
      root.part1 ? { clientCaPem: root.part1.caPem, clientCertificatePem: root.part1.certificatePem } : {},
    );
    const ex = await made;
    root.setValues(simulatorValues(ex.setup, exampleRequest(name as ExampleRequest, ex)));
    root.status(root.t('simulator.loaded', { example: root.t(`simulator.example.${name}`) }));
  } catch (e) {
    made = undefined;
    root.status(errorText(root.t, e));
  }
}
