// A Korean particle depends on how the word before it ends: 을/를, 이/가, 은/는, 와/과, 으로/로. A
// placeholder's value is unknown when the text is written (`{key}와` gives "jane-key.pem와", `{user}를`
// gives "jane를"), so no Korean string puts one of these particles straight after a placeholder: it
// names the thing instead (`{key} 파일과`, `사용자 {user}`). The "을(를)" crutch is refused as well.
// A closing quote between them changes nothing ("“jane”를"). Placeholders: `{name}` in the dictionaries; `$name`, `${name}`, `%s` in the Korean script texts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KoreanText, koreanDictionaryTexts, koreanScriptTexts } from '../content/korean-texts.ts';

/** Particles whose form depends on the last sound of the word before them. */
const PARTICLE = '(?:으로|로|이나|이랑|랑|은|는|이|가|을|를|와|과|아|야)';

/** The copula after a placeholder (`{n}입니다`, `{x}이고`, `{x}인`) fits any ending and is not a particle. */
const COPULA = '(?!고|며|면|다|라도|지만|므로|어서|었)';

const PLACEHOLDER = {
  dictionary: String.raw`\{\w+\}`,
  script: String.raw`\\?\$\{[^}]+\}|\$[A-Za-z_]\w*(?:\[[^\]]*\])?|%-?\d*s`,
} as const;

const glued = (kind: keyof typeof PLACEHOLDER) =>
  new RegExp(`(?:${PLACEHOLDER[kind]})[”"’']?${PARTICLE}${COPULA}`, 'u');

/** "을(를)", "(으)로", "이(가)": a translation's way round the same problem. */
const BOTH_FORMS = /[을를이가은는와과]\([을를이가은는와과]\)|\(으\)로/;

function findings(texts: KoreanText[]): string[] {
  return texts.flatMap((t) => {
    const kind = t.kind === 'script' ? 'script' : 'dictionary';
    const m = t.text.match(glued(kind)) ?? t.text.match(BOTH_FORMS);
    return m ? [`${t.where}: "${m[0]}" in "${t.text.slice(0, 100)}"`] : [];
  });
}

const text = (s: string, kind: KoreanText['kind'] = 'dictionary'): KoreanText => ({
  where: 'x',
  text: s,
  kind,
});

describe('Korean strings with a placeholder', () => {
  it('are flagged when a particle sits on the placeholder, and pass when the thing is named', () => {
    for (const s of [
      '{key}와 {csr}을 만들었습니다',
      '{user}를 추가합니다',
      '{x}이 없습니다',
      '{file}로 저장합니다',
      '{certificate}는 만료되었습니다',
      '{file}을(를) 가져왔습니다',
      '“{value}”는 올바른 이름이 아닙니다',
    ])
      assert.equal(findings([text(s)]).length, 1, s);
    for (const s of [
      '$conf를 읽을 수 없습니다',
      '$\u007BPWD}에는 없는 파일: $\u007Bmissing[*]}가',
      '%s를 씁니다',
    ])
      assert.equal(findings([text(s, 'script')]).length, 1, s);
    for (const s of [
      '{key} 파일과 {csr} 파일을 만들었습니다',
      '사용자 {user} 추가',
      '버전 {version}입니다',
      '{n}일까지',
      '{file}에 저장합니다',
      '{namespace}의 파드',
      '{x}이고 {y}이면',
    ])
      assert.deepEqual(findings([text(s)]), [], s);
    assert.deepEqual(findings([text('$PWD에 폴더를 만들 수 없습니다', 'script')]), []);
  });

  it('put no particle on a placeholder, in any dictionary', () => {
    const withPlaceholder = koreanDictionaryTexts().filter((t) => /\{\w+\}/.test(t.text));
    assert.ok(withPlaceholder.length > 50, `only ${withPlaceholder.length} strings with a placeholder`);
    assert.deepEqual(findings(koreanDictionaryTexts()), []);
  });

  it('put no particle on a shell variable or printf field, in any Korean script text', () => {
    assert.deepEqual(findings(koreanScriptTexts()), []);
  });
});
