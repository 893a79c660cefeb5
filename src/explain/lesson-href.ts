import type { LessonLink } from './catalogue.ts';

/** The site path of a lesson link in `lang` ("ko" pages live under /ko/). */
export function lessonHref(link: LessonLink, lang: 'en' | 'ko' = 'en'): string {
  const base = lang === 'ko' ? '/ko' : '';
  return `${base}/client-certificates/${link.page}/${link.anchor ? `#${link.anchor}` : ''}`;
}
