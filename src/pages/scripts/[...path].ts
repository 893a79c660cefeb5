// Serves the lessons' scripts (src/recipes/lab-scripts.ts) as static files, made from their
// generators at build time: /scripts/nginx-lab.sh, /scripts/ko/nginx-lab.sh and so on.
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Lang } from '../../i18n/index.ts';
import {
  LAB_SCRIPTS,
  type LabScript,
  labScript,
  scriptContentType,
  scriptHref,
} from '../../recipes/lab-scripts.ts';

const LANGS: Lang[] = ['en', 'ko'];

export const getStaticPaths = (() =>
  LANGS.flatMap((lang) =>
    LAB_SCRIPTS.map((name) => ({
      params: { path: scriptHref(name, lang).replace(/^\/scripts\//, '') },
      props: { name, lang },
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ name: LabScript; lang: Lang }> = ({ props }) =>
  new Response(labScript(props.name, props.lang), {
    headers: { 'Content-Type': scriptContentType(props.name) },
  });
