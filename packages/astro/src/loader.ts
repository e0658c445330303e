import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createGalley, foldersOf, type GalleyConfig, type Page } from '@galley/core'
import { buildSite, loadSite } from '@galley/core/node'
import type { Loader, LoaderContext } from 'astro/loaders'
import type { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { rendered } from './state.js'

/** Configuration of `galleyLoader`: a Galley configuration, plus where the files are. */
export interface LoaderOptions extends Omit<GalleyConfig, 'site'> {
  /** Folder of the content, relative to Astro's `root` (default: `contentDir`, else `'content'`). */
  base?: string | null | undefined
  /**
   * Which Galley collection this Astro collection holds: `posts` (the
   * default) or a content collection of `collections`.
   */
  collection?: string | null | undefined
  /** Absolute URL of the site (default: Astro's `site`, else `http://localhost/`). */
  site?: string | URL | null | undefined
}

/**
 * A content-layer loader: every Markdown file of the Galley collection is
 * validated by its Galley schema (every bad file reported at its line and
 * column, then the sync fails), rendered by Galley's pipeline, and stored
 * with its HTML and headings, so `getCollection` and `render(entry)` give
 * Galley's output. Drafts, scheduled and expired entries follow Galley's
 * publishing rules (drafts are kept in `astro dev`).
 *
 * @param options
 *   Configuration.
 * @returns
 *   Astro loader.
 */
export function galleyLoader(options: Readonly<LoaderOptions> = {}): Loader {
  const name = options.collection ?? 'posts'
  return {
    name: '@galley/astro',
    async load(context: LoaderContext) {
      const root = fileURLToPath(context.config.root)
      const base = options.base ?? foldersOf(options).contentDir
      const sync = () => loadAll(context, options, name, root, base)
      await sync()
      // In `astro dev`: load again when a file of the folder changes.
      const folder = path.resolve(root, base)
      context.watcher?.on('all', (_event, file) => {
        if (path.resolve(file).startsWith(folder + path.sep) && file.endsWith('.md')) {
          sync().catch((error: Error) => context.logger.error(error.message))
        }
      })
    }
  }
}

async function loadAll(
  context: LoaderContext,
  options: Readonly<LoaderOptions>,
  name: string,
  root: string,
  base: string
): Promise<void> {
  const site = options.site ?? context.config.site ?? 'http://localhost/'
  const dev = Boolean(context.watcher)
  const config: GalleyConfig = { ...options, site, drafts: options.drafts ?? dev }
  const galley = createGalley({
    ...config,
    contentDir: base,
    links: false,
    feed: false,
    sitemap: false
  })
  // The whole content folder, so links to other entries' `.md` files become
  // their URLs; this collection's entries are kept.
  const loaded = await loadSite(
    { ...config, contentDir: base },
    { cwd: root, assets: false, imageCache: path.join(root, '.cache', 'galley', 'images') }
  )
  const all = loaded.files
  const result = await buildSite(galley, loaded)
  const files = all.filter((file) => galley.collectionOf(file.path) === name)
  const pages = (name === 'posts' ? result.pages : (result.entries[name] ?? [])) as Array<
    Page<unknown>
  >
  const noisy = files.filter((file) => file.messages.length > 0)
  const fatal = noisy.filter(isFatal)
  if (noisy.length > fatal.length) {
    context.logger.warn(
      reporter(
        noisy.filter((file) => !isFatal(file)),
        { quiet: true }
      )
    )
  }
  if (fatal.length > 0) {
    throw new ContentError(
      `Galley found errors in ${fatal.length} ${fatal.length === 1 ? 'file' : 'files'} of \`${context.collection}\`:\n${reporter(fatal, { quiet: true, color: false })}`,
      fatal[0] as VFile,
      root
    )
  }

  context.store.clear()
  for (const page of pages) {
    const body = String(page.file.value)
    const data = await context.parseData({
      id: page.slug,
      data: page.data as Record<string, unknown>,
      filePath: page.file.path
    })
    context.store.set({
      id: page.slug,
      data,
      body,
      filePath: page.file.path,
      digest: context.generateDigest(body),
      rendered: {
        html: page.html,
        metadata: {
          headings: page.headings.map((heading) => ({
            depth: heading.depth,
            slug: heading.id,
            text: heading.text
          })),
          frontmatter: page.file.data.matter ?? {}
        }
      }
    })
  }
  rendered.set(context.collection, pages)
}

function isFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal)
}

/**
 * An error in the content, not in code: Astro shows its `loc` (the first
 * error's file, line and column; the dev overlay shows that file's code
 * there) and, as it has no stack, no stack trace of Galley's and Astro's
 * internals.
 */
class ContentError extends Error {
  readonly loc: { file: string; line: number; column: number }

  constructor(message: string, file: VFile, root: string) {
    super(message)
    this.name = 'GalleyContentError'
    const first = file.messages.find((item) => item.fatal)
    this.loc = {
      file: path.resolve(root, file.path),
      line: first?.line ?? 1,
      column: first?.column ?? 1
    }
    this.stack = ''
  }
}
