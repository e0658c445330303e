import type { GalleyConfig } from '@galley/core'
import type { blogSchema } from '@galley/frontmatter'
import { layouts } from './src/layouts.ts'

// Only types are imported from Galley: the CLI loads this file as is. In your
// own site, `export default defineConfig({ … })` from `@galley/core` does the same.
const config: GalleyConfig<typeof blogSchema> = {
  site: 'http://localhost:4321/',
  title: 'Crumb & Crust',
  description: 'Notes from a home baker learning sourdough one loaf at a time.',
  language: 'en',
  contentDir: 'content/posts',
  // Data files: `content/authors/ann.yaml` is the author `ann`.
  dataDirs: { authors: 'content/authors' },
  references: { author: 'authors' },
  outDir: 'dist',
  layouts
}

export default config
