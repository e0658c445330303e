import type { GalleyConfig } from '@galley/core'
import { type blogSchema, fields, schemaFromFields } from '@galley/frontmatter'
import { layouts, pageLayout } from './src/layouts.tsx'

// Galley itself is imported for types only: the CLI loads this file as is. In
// your own site, `export default defineConfig({ … })` and
// `defineCollection({ … })` from `@galley/core` do the same with checks.
const config: GalleyConfig<typeof blogSchema> = {
  site: 'http://localhost:4321/',
  title: 'Crumb & Crust',
  description: 'Notes from a home baker learning sourdough one loaf at a time.',
  language: 'en',
  // Collection globs are relative to this folder. Posts are the Markdown
  // files that no other collection takes (here: `content/posts/*.md`).
  contentDir: 'content',
  collections: {
    // `content/pages/about.md` is published at `/about/` with its own layout.
    pages: { glob: 'pages/*.md', permalink: '/:slug/', layout: pageLayout },
    // Data files: `content/authors/ann.yaml` is the author `ann`.
    authors: {
      type: 'data',
      glob: 'authors/*.yaml',
      schema: schemaFromFields({ name: fields.title(), url: fields.text(), bio: fields.text() })
    }
  },
  references: { author: 'authors' },
  // Four posts on the home page and on each tag's page; older ones on `/page/2/`.
  paginate: 4,
  // Every image gets its size from the file; `responsive` adds WebP copies
  // in 480 and 960 pixels (none wider than the file), in a <picture>.
  images: { responsive: { sizes: '(min-width: 42rem) 40rem, 100vw' } },
  outDir: 'dist',
  layouts
}

export default config
