import { existsSync } from 'node:fs'
import path from 'node:path'
import type { GalleyConfig } from '@galley/core'
import { foldersOf } from '@galley/core/node'
import { createBlogSchema } from '@galley/frontmatter'
import { createJiti } from 'jiti'
import { hugoSettings } from './hugo.js'
import { jekyllConfig, jekyllSite } from './jekyll.js'
import { siteModules } from './modules.js'
import { runtimeAliases } from './runtime.js'
import { withTheme } from './theme.js'

const names = [
  'galley.config.ts',
  'galley.config.mts',
  'galley.config.tsx',
  'galley.config.js',
  'galley.config.mjs',
  'galley.config.jsx'
]

/**
 * Find and load the site's configuration: `--config`, else the first
 * `galley.config.{ts,mts,tsx,js,mjs,jsx}` in `cwd`. TypeScript and JSX are
 * loaded with jiti, since Node 20 can import neither; JSX compiles to
 * hastscript's runtime (`@jsxImportSource hastscript`). The config's
 * imports of Galley's packages and of hastscript get the command's own
 * copies (`runtimeAliases`). Layouts the config leaves out are the default
 * theme's (`withTheme`). Without a config file, a Hugo site's config
 * (`hugoSettings`) or a Jekyll site's `_config.yml` (`jekyllConfig`, the
 * site's folder as content) gives what it can.
 *
 * @param cwd
 *   Folder of the site.
 * @param given
 *   Path from `--config`, if any.
 * @returns
 *   Configuration, the path it came from, and every module of the site's
 *   own that loading it ran (the config, its layouts and what they import,
 *   outside `node_modules`), for `galley dev` to watch.
 */
export async function loadConfig(
  cwd: string,
  given: string | undefined,
  dir?: string | undefined
): Promise<{ config: GalleyConfig; path: string | undefined; modules: string[] }> {
  const candidates = given ? [path.resolve(cwd, given)] : names.map((name) => path.join(cwd, name))
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) {
    if (given) throw new Error(`Cannot find config file \`${given}\``)
    // A Hugo site's own title, address, language, time zone and page size.
    const hugo = hugoSettings(cwd)
    // A Jekyll site (`_config.yml`, no Hugo config): its posts and pages as Jekyll has them.
    const jekyll = Object.keys(hugo).length === 0 ? jekyllSite(cwd) : undefined
    return {
      config: withTheme(
        jekyll
          ? jekyllConfig(dir ?? '.', jekyll)
          : { ...defaultConfig(dir ?? foldersOf(undefined).contentDir, hugo.timeZone), ...hugo }
      ),
      path: undefined,
      modules: []
    }
  }
  const jiti = createJiti(import.meta.url, {
    moduleCache: false,
    alias: runtimeAliases(import.meta.url),
    // Layouts in `.tsx` and `.jsx` files: hastscript's JSX runtime, which
    // builds hast (text escaped by construction), as `h()` does.
    jsx: { runtime: 'automatic', importSource: 'hastscript' }
  })
  let config: GalleyConfig
  // A config that calls `process.exit` would end the command with no word
  // said: while it loads, that throws instead, and is reported as its error.
  const exit = process.exit
  process.exit = ((code?: number | string | null) => {
    throw new Error(`Unexpected \`process.exit(${code ?? ''})\` while the config loads`)
  }) as typeof process.exit
  try {
    config = await jiti.import<GalleyConfig>(found, { default: true })
  } catch (error) {
    throw configError(cwd, found, error)
  } finally {
    process.exit = exit
  }
  if (!config || typeof config !== 'object') {
    throw new Error(
      `Expected \`${path.relative(cwd, found)}\` to export a configuration as default`
    )
  }
  return {
    config: withTheme(dir ? { ...config, contentDir: dir } : config),
    path: found,
    modules: await siteModules(found)
  }
}

/**
 * The configuration used when there is no config file, so `galley check`
 * works on any folder of Markdown (a Hugo or Jekyll `content/`) as it is:
 * the default blog schema, URLs from file paths as Hugo makes them
 * (`content/posts/My-Trip.md` → `/posts/my-trip/`, the name replaced by
 * `slug`, or front matter's `url`), `tags`,
 * `categories` and `series` as taxonomies, a list page for each top-level
 * folder (Hugo's sections: `/posts/`), and Hugo's `_index.md` files as the
 * introductions of the lists at their URLs (the `sections` collection, no
 * page of their own).
 *
 * @param contentDir
 *   Folder of Markdown.
 * @param timeZone
 *   The site's time zone, for the dates of `_index.md` files (default: UTC).
 * @returns
 *   Configuration.
 */
export function defaultConfig(
  contentDir: string,
  timeZone?: string | null | undefined
): GalleyConfig {
  const root = path.posix.normalize(contentDir.replace(/\\/g, '/')).replace(/\/$/, '')
  const permalink = ({ path: file, data }: { path: string; data: unknown }) => {
    const { url, slug } = (data ?? {}) as { url?: unknown; slug?: unknown }
    // Hugo's `url` replaces the page's address.
    if (typeof url === 'string' && url.startsWith('/')) return url
    const relative = root === '.' ? file : path.posix.relative(root, file)
    // As Hugo makes paths: lowercase, the file's (or bundle's) name replaced by `slug`.
    const parts = relative
      .replace(/\.[^./]+$/, '')
      .replace(/(^|\/)(index|_index)$/, '')
      .toLowerCase()
      .split('/')
      .filter(Boolean)
    // own-key: an index.
    if (typeof slug === 'string' && slug !== '' && parts.length > 0) parts[parts.length - 1] = slug
    // `index.md` or `_index.md` at the top: the home page.
    return parts.length === 0 ? '/' : `/${parts.join('/')}/`
  }
  return {
    site: 'http://localhost:4321/',
    contentDir,
    permalink,
    // Hugo's default taxonomies, and `series`, which many Hugo themes add.
    taxonomies: { tags: {}, categories: {}, series: {} },
    // Hugo's sections: `content/posts/` lists its posts at `/posts/`.
    sections: true,
    collections: {
      // Hugo's `_index.md`: the title and introduction of the list at its
      // URL (the home page, a section, a term), not a page of its own.
      sections: {
        glob: '**/_index.md',
        permalink,
        layout: null,
        // Hugo's keys, a title and a date only if given.
        schema: createBlogSchema({ section: true, timeZone })
      }
    }
  }
}

/**
 * The error of a config that throws while it loads (or cannot be parsed):
 * it names the file and, when the stack shows it, the line and column.
 *
 * @returns
 *   Error to report, with the original as its `cause`.
 */
function configError(cwd: string, file: string, error: unknown): Error {
  const shown = path.relative(cwd, file) || file
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const at = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack)
  // The line only: a config compiled on load (TypeScript, JSX) has its
  // columns shifted by what the compiler adds.
  const place = at ? `:${at[1]}` : ''
  const reason = error instanceof Error ? error.message : String(error)
  return new Error(`Cannot load \`${shown}${place}\`: ${reason.split('\n')[0]}; fix the config`, {
    cause: error
  })
}
