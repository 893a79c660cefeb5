// @ts-check
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { contentSecurityPolicy } from './src/integrations/csp.ts';

export const repository = 'https://github.com/kube-auth-lab/kube-auth-lab';

/** ASTRO_CACHE_DIR keeps a second build's caches apart, so two builds can run at once. */
const cacheDir = process.env.ASTRO_CACHE_DIR;

export default defineConfig({
  site: 'https://kube-auth-lab.example.org',
  trailingSlash: 'always',
  // Prefetching would make pages ask for more than they show; readers click, then load.
  prefetch: false,
  ...(cacheDir ? { cacheDir } : {}),
  vite: {
    ...(cacheDir ? { cacheDir: `${cacheDir}/vite` } : {}),
    build: {
      rolldownOptions: {
        output: {
          // What every widget page loads up front stays one chunk: the workspace, the page's strings,
          // LabError and h() (shared/dom.ts). Left to itself the bundler splits them as soon as one
          // page (the home page's list of labs) needs only the workspace, and each extra chunk costs
          // its own bytes (h() alone would cost a request, and a preload list in every module that
          // loads a chunk using it).
          codeSplitting: {
            groups: [
              {
                name: 'widget-core',
                test: /src[\\/](widgets[\\/]shared[\\/](workspace-store|strings|dom)|pki[\\/](errors|error-codes))\.ts$/,
              },
            ],
          },
        },
      },
    },
  },
  integrations: [
    starlight({
      title: 'Kube Auth Lab',
      description:
        'Learn how Kubernetes authenticates people, starting with X.509 client certificates, by making them in your browser.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        ko: { label: '한국어', lang: 'ko' },
      },
      editLink: { baseUrl: `${repository}/edit/main/` },
      lastUpdated: false,
      pagination: true,
      sidebar: [
        {
          label: 'Part 1 · X.509 client certificates',
          translations: { ko: '1부 · X.509 클라이언트 인증서' },
          items: [{ autogenerate: { directory: 'client-certificates' } }],
        },
        {
          label: 'Part 2 · Bearer tokens',
          translations: { ko: '2부 · 베어러 토큰' },
          items: [{ autogenerate: { directory: 'bearer-tokens' } }],
        },
        {
          label: 'Part 3 · OpenID Connect',
          translations: { ko: '3부 · OpenID Connect' },
          items: [{ autogenerate: { directory: 'oidc' } }],
        },
        {
          label: 'Part 4 · Webhook token authentication',
          translations: { ko: '4부 · 웹훅 토큰 인증' },
          items: [{ autogenerate: { directory: 'webhook' } }],
        },
        {
          label: 'Part 5 · Authenticating proxy',
          translations: { ko: '5부 · 인증 프록시' },
          items: [{ autogenerate: { directory: 'proxy' } }],
        },
        {
          label: 'Part 6 · How the API server decides who you are',
          translations: { ko: '6부 · API 서버가 누구인지 정하는 방법' },
          items: [{ autogenerate: { directory: 'authenticator-chain' } }],
        },
      ],
      components: {
        EditLink: './src/components/EditLink.astro',
      },
      customCss: ['./src/styles/site.css'],
    }),
    mdx(),
    contentSecurityPolicy(),
  ],
});
