import type { GalleyConfig, PostSchema } from './types.js'

type Folders = Pick<Readonly<GalleyConfig<PostSchema>>, 'contentDir' | 'outDir' | 'publicDir'>

/**
 * The folders of a site, with the defaults every host (CLI, dev server,
 * unplugin, Eleventy, Astro) uses: `content`, `public` and `dist`, relative
 * to the site's folder.
 *
 * @param config
 *   Configuration (`contentDir`, `publicDir`, `outDir`).
 * @returns
 *   The three folders as configured or by default.
 */
export function foldersOf(config: Folders | null | undefined): {
  contentDir: string
  publicDir: string
  outDir: string
} {
  return {
    contentDir: config?.contentDir ?? 'content',
    publicDir: config?.publicDir ?? 'public',
    outDir: config?.outDir ?? 'dist'
  }
}
