// The lessons live in the top-level `content/` folder. Starlight still reads its collection from
// `src/content/docs` (sidebar, i18n and edit links all derive from that path), so that path is a
// symlink to `../../content`: the files are found where Starlight expects them and kept where
// people expect them. The EditLink override maps the link back to `content/`.
import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
};
