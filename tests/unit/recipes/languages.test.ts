// The scripts and configs the site hands out, in Korean: the same commands as in English with Korean
// comments and messages, and the English exactly as it was when no language is asked for. What a
// script runs and what it says are told apart by tests/unit/recipes/bash-text.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lang } from '../../../src/i18n/index.ts';
import {
  apiserverNginxConfig,
  kubePkiCopyScript,
  signOnNodeScript,
  writeApiserverConfCommand,
} from '../../../src/recipes/cluster/index.ts';
import {
  NGINX_EXPERIMENTS,
  NGINX_LAB_STEPS,
  nginxConfig,
  nginxLabScript,
  scriptReport,
  writeDefaultConfCommand,
} from '../../../src/recipes/nginx/index.ts';
import { englishSentences, HANGUL } from '../../support/english-text.ts';
import { readBash } from './bash-text.ts';

/** Texts a tool prints and nginx-lab.sh compares, English in every language: the outcomes. */
const TOOL_TEXTS = new Set(NGINX_EXPERIMENTS.map((e) => e.expected));

/** Each generator of shell text, called with no language and with each language. */
const SCRIPTS: [string, (lang?: Lang) => string][] = [
  ['nginx-lab.sh', (lang) => nginxLabScript(lang)],
  ['kube-pki-copy.sh', (lang) => kubePkiCopyScript(lang)],
  ['sign-on-node.sh', (lang) => signOnNodeScript(lang)],
  ...NGINX_LAB_STEPS.map((step): [string, (lang?: Lang) => string] => [
    `writeDefaultConfCommand(${step})`,
    (lang) => writeDefaultConfCommand(lang ? { step, lang } : { step }),
  ]),
  ['writeApiserverConfCommand()', (lang) => writeApiserverConfCommand(lang)],
];

describe('the bash reader the language tests rely on', () => {
  it('keeps commands and expansions, and sets comments and the words in quotes apart', () => {
    // `$\{` is bash's `${` (a template literal cannot hold `${` itself).
    const a = readBash(`# one thing\ndie "missing in $PWD: $\{missing[*]}" # two\nprintf '%-9s x\\n' "$1"\n`);
    const b = readBash(`die "$\{PWD}에 없는 파일: $\{missing[*]}"\nprintf '%-9s 엑스\\n' "$1"\n`);
    assert.deepEqual(a.skeleton, b.skeleton);
    assert.deepEqual(a.skeleton, ['die', `Q[$PWD $\{missing[*]}|]`, 'printf', 'Q[|%-9s \\n]', 'Q[$1|]']);
    assert.deepEqual(a.comments, ['one thing', 'two']);
    assert.deepEqual(b.quoted, ['에 없는 파일: ', '%-9s 엑스\\n', '']);
  });

  it('tells a changed command, option or variable apart', () => {
    const base = readBash(
      'openssl verify -CAfile rootCA.pem "$cert" || die "bad: $(tail -n 1 "$log")"',
    ).skeleton;
    for (const changed of [
      'openssl verify -CAfile other.pem "$cert" || die "bad: $(tail -n 1 "$log")"',
      'openssl verify -CAfile rootCA.pem "$cert" || die "나쁨: $(tail -n 2 "$log")"',
      'openssl verify -CAfile rootCA.pem "$key" || die "bad: $(tail -n 1 "$log")"',
      'openssl verify -CAfile rootCA.pem "$cert" && die "bad: $(tail -n 1 "$log")"',
    ]) {
      assert.notDeepEqual(readBash(changed).skeleton, base, changed);
    }
  });

  it('finds English sentences, and not commands, options or names', () => {
    assert.deepEqual(englishSentences('nginx did not answer on this port. Its log:'), [
      'nginx did not answer on this port Its log',
    ]);
    assert.deepEqual(englishSentences('usage: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]'), []);
    assert.deepEqual(englishSentences('put SOURCE NAME MODE WHAT: SOURCE를 DEST/NAME에 씁니다.'), []);
    assert.deepEqual(englishSentences('Kube Auth Lab의 nginx 강의(4강: HTTPS, 5강: 상호 TLS)'), []);
  });
});

for (const [name, make] of SCRIPTS) {
  describe(`${name} in Korean`, () => {
    const en = readBash(make('en'));
    const ko = readBash(make('ko'));

    it('is the English text, unchanged, when no language is given', () => {
      assert.equal(make(), make('en'));
    });

    it('runs exactly the commands, options, files and variables of the English one', () => {
      assert.ok(en.skeleton.length > 10, 'the reader sees the commands');
      assert.deepEqual(ko.skeleton, en.skeleton);
    });

    it('has no English sentence left in its comments', () => {
      assert.ok(
        en.comments.some((c) => englishSentences(c).length > 0),
        'the check finds the English ones',
      );
      assert.ok(ko.comments.some((c) => HANGUL.test(c)));
      assert.deepEqual(ko.comments.flatMap(englishSentences), []);
    });

    it('says in Korean every message it says in English; what tools print stays as it is', () => {
      const untranslated = en.quoted
        .map((text, i) => [text, ko.quoted[i] ?? ''] as const)
        .filter(([text]) => !TOOL_TEXTS.has(text) && englishSentences(text).length > 0)
        .filter(([, korean]) => !HANGUL.test(korean));
      assert.deepEqual(untranslated, []);
      assert.deepEqual(ko.quoted.filter((text) => !TOOL_TEXTS.has(text)).flatMap(englishSentences), []);
    });

    it('puts braces around every variable that Korean text follows', () => {
      const code = make('ko')
        .split('\n')
        .filter((line) => !/^\s*#/.test(line));
      assert.deepEqual(
        code.filter((line) => /\$[A-Za-z_]\w*[가-힣]/.test(line)),
        [],
      );
    });
  });
}

describe('the configs in Korean', () => {
  const CONFIGS: [string, (lang?: Lang) => string][] = [
    ...NGINX_LAB_STEPS.map((step): [string, (lang?: Lang) => string] => [
      `nginxConfig(${step})`,
      (lang) =>
        nginxConfig({ step, certDir: 'conf.d', listen: '127.0.0.1:18443', errorLog: 'error.log', lang }),
    ]),
    ['apiserverNginxConfig()', (lang) => apiserverNginxConfig({ certDir: 'pki', lang })],
  ];
  for (const [name, make] of CONFIGS) {
    it(`${name} has the English directives, and Korean comments`, () => {
      const lines = (text: string, comments: boolean) =>
        text.split('\n').filter((line) => /^\s*#/.test(line) === comments);
      assert.equal(make(), make('en'));
      assert.deepEqual(lines(make('ko'), false), lines(make('en'), false));
      const comments = lines(make('ko'), true);
      assert.ok(comments.length > 0);
      assert.deepEqual(
        comments.filter((line) => !HANGUL.test(line)),
        [],
      );
    });
  }
});

describe('the experiments in Korean', () => {
  it('each have a Korean title and hint of their own', () => {
    for (const e of NGINX_EXPERIMENTS) {
      assert.match(e.title.ko, HANGUL, e.id);
      assert.match(e.hint.ko, HANGUL, e.id);
      assert.deepEqual(englishSentences(e.title.ko), [], e.id);
      assert.deepEqual(englishSentences(e.hint.ko), [], e.id);
    }
    assert.equal(new Set(NGINX_EXPERIMENTS.map((e) => e.title.ko)).size, NGINX_EXPERIMENTS.length);
  });

  for (const e of NGINX_EXPERIMENTS) {
    it(`${e.id}: scriptReport in Korean shows the same command, output and outcome, labelled in Korean`, () => {
      const en = scriptReport(e, { port: 18443 }).split('\n');
      const ko = scriptReport(e, { port: 18443, lang: 'ko' }).split('\n');
      assert.equal(ko[0], `[PASS] ${e.id}: ${e.title.ko}`);
      const shown = (lines: string[]) => lines.slice(1).filter((line) => /^ {2}[$|]/.test(line));
      const labelled = (lines: string[]) =>
        lines.slice(1).filter((line) => line !== '' && !/^ {2}[$|]/.test(line));
      assert.deepEqual(shown(ko), shown(en));
      assert.ok(shown(en).length >= 2);
      const value = (line: string) => line.replace(/^ {2}[^:]*: +/, '');
      assert.deepEqual(labelled(ko).map(value), labelled(en).map(value));
      for (const line of labelled(ko)) assert.match(line.split(':')[0]!, HANGUL, line);
    });
  }
});
