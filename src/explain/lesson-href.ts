import type { LessonLink } from './catalogue.ts';

/**
 * The catalogue names sections by the English pages' heading ids. The Korean pages have Korean
 * headings, hence Korean ids: this maps `page#english-id` to the id of the same section on the
 * Korean page. A unit test keeps every catalogue anchor here, and an e2e test checks that each id
 * exists in the built Korean page.
 */
export const KO_ANCHORS: Readonly<Record<string, string>> = {
  '04-lab-https-with-nginx#1-plain-http-to-the-https-port': '1-https-포트에-평문-http로-요청하기',
  '05-lab-mutual-tls#1-no-client-certificate': '1-클라이언트-인증서-없음',
  '05-lab-mutual-tls#3-the-certificate-without-its-key': '3-키-없이-인증서만',
  '05-lab-mutual-tls#4-a-client-certificate-from-another-ca': '4-다른-ca가-발급한-클라이언트-인증서',
  '08-troubleshooting#find-the-layer-that-failed': '실패한-계층-찾기',
  '08-troubleshooting#the-client-does-not-trust-the-server': '클라이언트가-서버를-신뢰하지-않을-때',
  '08-troubleshooting#the-name-is-not-in-the-certificate': '이름이-인증서에-없을-때',
  '08-troubleshooting#the-certificate-is-outside-its-validity-period': '인증서가-유효-기간-밖일-때',
  '08-troubleshooting#the-certificate-is-for-something-else': '인증서의-용도가-다를-때',
  '08-troubleshooting#the-api-server-rejects-your-certificate': 'api-서버가-인증서를-거부할-때',
  '08-troubleshooting#authenticated-but-not-allowed': '인증은-되었지만-허용되지-않을-때',
  '08-troubleshooting#the-key-is-missing-or-does-not-match': '키가-없거나-맞지-않을-때',
  '08-troubleshooting#inspect-a-certificate': '인증서-살펴보기',
  '08-troubleshooting#check-a-chain': '체인-검사하기',
  '09-what-certificates-cannot-do#systemmasters-cannot-be-reined-in': 'systemmasters는-제어할-수-없습니다',
  '09-what-certificates-cannot-do#short-lifetimes-are-the-mitigation': '짧은-유효-기간이-완화책입니다',
  '01-what-a-bearer-token-is#no-credentials-at-all-anonymous': '자격-증명이-전혀-없으면-익명',
  '02-lab-static-token-file#the-file-kube-apiserver-reads': 'kube-apiserver가-읽는-파일',
  '03-bootstrap-tokens#expiry-and-deleting-a-token': '만료와-토큰-삭제',
  '03-bootstrap-tokens#the-secret-is-the-token': 'secret이-곧-토큰',
  '04-service-account-tokens#what-kube-apiserver-checks-in-order': 'kube-apiserver가-확인하는-순서',
  '04-service-account-tokens#bound-tokens-short-lived-and-tied-to-an-object':
    '바인딩된-토큰-짧게-살고-오브젝트에-묶인다',
  '04-service-account-tokens#legacy-secret-tokens-and-their-end': 'secret-기반-레거시-토큰과-그-끝',
  '05-check-it-and-limits#what-each-error-means': '오류-각각의-의미',
  '02-lab-your-own-issuer#the-issuer-string-exactly': 'issuer-문자열은-정확하게',
  '03-configure-the-api-server#the-flags': '플래그',
  '03-configure-the-api-server#the-file': '파일',
  '05-inspect-a-real-token#the-checks-in-kube-apiservers-order': 'kube-apiserver가-검사하는-순서',
  '01-tokenreview#when-the-webhook-is-down': '웹훅이-멈췄을-때',
  '03-tokenreview-playground#one-version-in-the-same-version-out': '들어간-버전-그대로-나온다',
  '03-tokenreview-playground#a-200-says-no-anything-else-is-a-failure': '200은-거절이고-나머지는-실패다',
  '01-the-request-header-authenticator#the-flags': '플래그',
  '04-impersonation#the-errors-you-will-meet': '마주치게-될-오류',
  '01-follow-a-request-through-the-chain#3-anonymous-requests': '3-익명-요청',
};

/** The heading id of `link` on the page in `lang`; undefined for the top of the page. */
export function lessonAnchor(link: LessonLink, lang: 'en' | 'ko' = 'en'): string | undefined {
  if (!link.anchor || lang === 'en') return link.anchor;
  // Without a Korean id the link still reaches the right page.
  return KO_ANCHORS[`${link.page}#${link.anchor}`];
}

/** The site path of a lesson link in `lang` ("ko" pages live under /ko/). */
export function lessonHref(link: LessonLink, lang: 'en' | 'ko' = 'en'): string {
  const base = lang === 'ko' ? '/ko' : '';
  const anchor = lessonAnchor(link, lang);
  return `${base}/${link.part ?? 'client-certificates'}/${link.page}/${anchor ? `#${anchor}` : ''}`;
}
