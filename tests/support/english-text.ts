// Tells English prose from Korean, for the tests that look for untranslated text on Korean pages
// (tests/unit/content/translations.test.ts on the sources, tests/e2e/english-left.ts on the pages).

/** Three words in a row, one of them a word nearly every English sentence has (as a RegExp source). */
export const ENGLISH_SENTENCE_SOURCE =
  "\\b(?:the|a|an|of|to|is|are|was|be|has|have|can|will|do|does|and|or|but|if|when|for|with|at|as|by|from|in|on|not|no|your|you|this|that|it|its|their|there|which|what|one|two|all|then)\\b(?:[\\s*_,]+[A-Za-z'’-]+){2,}";

export const ENGLISH_SENTENCE = new RegExp(ENGLISH_SENTENCE_SOURCE, 'i');

export const HANGUL = /[가-힣]/;
