import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import {
  archiveMode,
  buildLabArchive,
  LAB_ARCHIVE_FOLDER,
  labArchiveReadme,
} from '../../../src/recipes/index.ts';

describe('lab archive', () => {
  const files = {
    'rootCA.pem': 'ca\n',
    'client-key.pem': 'secret\n',
    'nginx-lab.sh': '#!/usr/bin/env bash\n',
  };

  it('holds README.txt and exactly the given files, in one folder, byte for byte', () => {
    const zip = unzipSync(buildLabArchive(files, 'readme\n'));
    assert.deepEqual(
      Object.keys(zip).sort(),
      ['README.txt', ...Object.keys(files)].map((n) => `${LAB_ARCHIVE_FOLDER}/${n}`).sort(),
    );
    assert.equal(new TextDecoder().decode(zip[`${LAB_ARCHIVE_FOLDER}/client-key.pem`]), 'secret\n');
  });

  it('keeps keys private and scripts executable', () => {
    assert.equal(archiveMode('client-key.pem'), 0o600);
    assert.equal(archiveMode('nginx-lab.sh'), 0o755);
    assert.equal(archiveMode('rootCA.pem'), 0o644);
  });

  it('lists every file with its purpose in the README', () => {
    const readme = labArchiveReadme(['rootCA.pem', 'client-key.pem'], {
      title: 'Kube Auth Lab files',
      intro: 'Made in your browser.',
      describe: (n) => `about ${n}`,
    });
    assert.match(readme, /^Kube Auth Lab files\n=+\n\nMade in your browser\.\n\n/);
    assert.match(readme, /\n {2}rootCA\.pem {6}about rootCA\.pem\n/);
    assert.match(readme, /\n {2}client-key\.pem {2}about client-key\.pem\n$/);
  });
});
