// One Korean glossary for the whole site: every Korean text it ships (pages, dictionaries, script
// comments and messages) uses the terms Korean engineers use, and none of the rejected variants that
// translations drift into. Also: no English semicolon in Korean prose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type KoreanText,
  koreanDictionaryTexts,
  koreanOutsideLiterals,
  koreanPageLines,
  koreanScriptTexts,
  koreanTexts,
} from './korean-texts.ts';

/** A rejected variant and the term to use instead. */
interface Rule {
  rejected: RegExp;
  use: string;
}

export const GLOSSARY: readonly Rule[] = [
  { rejected: /역할/, use: '롤 (RBAC의 Role), 다른 뜻이면 다시 쓰기' },
  { rejected: /객체/, use: '오브젝트' },
  { rejected: /동사|동작\s*\(\s*verb|verb\s*\(\s*동작/, use: 'verb' },
  {
    rejected: /(?<![\d.])\d{1,2}\s?장(?![가-힣])|(?<![\d.])\d{1,2}\s?장(?:에서|에|의|부터|까지)/,
    use: 'N강',
  },
  { rejected: /말단/, use: '리프' },
  { rejected: /수명/, use: '유효 기간' },
  { rejected: /사슬/, use: '체인' },
  { rejected: /경고\s*\(\s*alert|alert\s*\(\s*경고|경고\s*\(\s*`?\w+`?\s*alert/i, use: 'TLS alert' },
  { rejected: /광고/, use: 'advertise 주소' },
  // Widget names: what Korean engineers call them, not coined "-기" words.
  { rejected: /해석기/, use: 'kubeconfig 디코더' },
  { rejected: /작성기/, use: 'CSR 빌더, kubeconfig 빌더, 바인딩 빌더' },
  { rejected: /설명기/, use: '오류 해설 도구' },
  { rejected: /검사기/, use: '인증서 검사 도구' },
  { rejected: /대역\s*서버|대역\(/, use: '모의 서버' },
];

/** The words of a text a reader reads as Korean prose: code, JSX and entities taken out. */
function prose(t: KoreanText): string {
  return t.text
    .replace(/`[^`]*`/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\{[^{}]*\}/g, ' ');
}

/** Lines of the Korean pages outside fenced code blocks and outside JSX/ESM lines. */
function pageProse(): KoreanText[] {
  const out: KoreanText[] = [];
  let fence: string | undefined;
  for (const line of koreanPageLines()) {
    const ticks = line.text.match(/^(`{3,})/)?.[1];
    if (fence) {
      if (ticks && line.text.trim() === fence) fence = undefined;
      continue;
    }
    if (ticks) {
      fence = ticks;
      continue;
    }
    if (/^\s*(import|export)\b|^\s*<\/?[A-Za-z]/.test(line.text)) continue;
    out.push(line);
  }
  return out;
}

/** The glossary's findings in `texts`, as `where: "match" → use`. */
function findings(texts: KoreanText[], rules: readonly Rule[] = GLOSSARY): string[] {
  return texts.flatMap((t) =>
    rules.flatMap((r) => {
      const m = t.text.match(r.rejected);
      return m ? [`${t.where}: "${m[0]}" → ${r.use}`] : [];
    }),
  );
}

describe('the Korean glossary', () => {
  it('sees every Korean text the site ships', () => {
    assert.ok(koreanPageLines().length > 1000, 'Korean pages');
    assert.ok(koreanDictionaryTexts().length > 500, 'Korean dictionaries');
    assert.ok(koreanScriptTexts().length > 100, 'Korean script texts');
    // Korean anywhere else in src/recipes would escape every test below.
    assert.deepEqual(koreanOutsideLiterals(), []);
  });

  it('flags each rejected variant and passes the term to use', () => {
    const text = (s: string): KoreanText => ({ where: 'x', text: s, kind: 'page' });
    const bad = [
      '롤 대신 역할을',
      'CSR 객체',
      '이 동사를 허용',
      '이 동작(verb)을',
      '3장에서',
      '말단 인증서',
      '짧은 수명',
      '신뢰의 사슬',
      '`unknown ca` 경고(alert)와',
      '노드의 광고 주소',
      'kubeconfig 해석기',
      'CSR 작성기',
      '설명기에',
      '검사기가',
      '대역 서버',
    ];
    const good = [
      '롤에 바인딩',
      'CSR 오브젝트',
      '이 verb를 허용',
      '3강에서',
      '리프 인증서',
      '유효 기간',
      '체인',
      '`unknown ca` TLS alert와',
      'advertise 주소',
      'kubeconfig 디코더',
      'CSR 빌더',
      '오류 해설 도구',
      '인증서 검사 도구',
      '모의 서버',
      '인증서 2장을',
      '브라우저에서 동작합니다',
    ];
    for (const s of bad) assert.equal(findings([text(s)]).length, 1, s);
    for (const s of good) assert.deepEqual(findings([text(s)]), [], s);
  });

  it('is kept by every Korean page, dictionary and script text', () => {
    assert.deepEqual(findings(koreanTexts()), []);
  });

  it('has no English semicolon in Korean prose', () => {
    const texts = [...pageProse(), ...koreanDictionaryTexts(), ...koreanScriptTexts()];
    const found = texts
      .map((t) => ({ t, p: prose(t) }))
      .filter(({ p }) => /[가-힣]/.test(p) && p.includes(';'))
      .map(({ t, p }) => `${t.where}: ${p.trim().slice(0, 120)}`);
    assert.deepEqual(found, []);
  });
});
