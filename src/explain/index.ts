// The error explainer's logic: the catalogue of known errors and the matcher. No DOM, no node:.
export type { CatalogueEntry, Layer, LessonLink, Source, Wording } from './catalogue.ts';
export { CATALOGUE, catalogueEntry, MAX_LINE } from './catalogue.ts';
export type { ExplainCandidate, ExplainMatch, ExplainOptions, ExplainResult } from './explain-error.ts';
export { explainError } from './explain-error.ts';
export { KO_ANCHORS, lessonAnchor, lessonHref } from './lesson-href.ts';
