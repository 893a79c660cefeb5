// Tells English prose from Korean, for the tests that look for untranslated text on Korean pages
// (tests/unit/content/translations.test.ts on the sources, tests/e2e/english-left.ts on the pages)
// and in the Korean scripts (tests/unit/recipes/languages.test.ts).

/** Words nearly every English sentence has, and no Korean one. */
const FUNCTION_WORDS = (
  'the a an of to is are was be has have can will do does and or but if when for with at as by from ' +
  'in on not no your you this that it its their there which what one two all then only each every'
).split(' ');

/** Three words in a row, one of them a function word (as a RegExp source, for the browser too). */
export const ENGLISH_SENTENCE_SOURCE = `\\b(?:${FUNCTION_WORDS.join('|')})\\b(?:[\\s*_,]+[A-Za-z'’-]+){2,}`;

export const ENGLISH_SENTENCE = new RegExp(ENGLISH_SENTENCE_SOURCE, 'i');

/** Hangul syllables: the text is (at least partly) Korean. */
export const HANGUL = /[가-힣]/;

/**
 * The English sentences in `text`: three or more words of Latin letters in a row, one of them a word
 * nearly every English sentence has ("the", "is", "to", …). Commands, options, file names,
 * identifiers and capitals (`--port`, `ca.crt`, `KUBE_DIR`, `$port`, `CERT`, `HTTPS`) are not
 * words, so "bash nginx-lab.sh --local" or "put SOURCE NAME MODE WHAT" never count.
 */
export function englishSentences(text: string): string[] {
  const found: string[] = [];
  let run: string[] = [];
  const end = () => {
    if (run.length >= 3 && run.some((w) => FUNCTION_WORDS.includes(w.toLowerCase())))
      found.push(run.join(' '));
    run = [];
  };
  for (const token of text.split(/\s+/)) {
    const word = token.replace(/^[("'[<]+|[)"'\]>.,;:!?]+$/g, '');
    if (/^[A-Za-z]+(?:'[a-z]+)?$/.test(word) && !/^[A-Z]{2,}$/.test(word)) run.push(word);
    else end();
  }
  end();
  return found;
}
