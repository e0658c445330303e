import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * The packages a site's config may import that the built command carries
 * its own copy of, by the name of the entry (`dist/<name>.js`) that
 * re-exports each: Galley's, and hastscript with its JSX runtime, which
 * layouts in `.tsx`/`.jsx` files compile to.
 */
export const runtimeEntries: Readonly<Record<string, string>> = {
  '@galley/core': 'core',
  '@galley/core/node': 'core-node',
  '@galley/feed': 'feed',
  '@galley/frontmatter': 'frontmatter',
  '@galley/images': 'images',
  '@galley/links': 'links',
  '@galley/links/node': 'links-node',
  '@galley/markdown': 'markdown',
  '@galley/theme': 'theme',
  hastscript: 'hastscript',
  'hastscript/jsx-runtime': 'jsx-runtime'
}

/**
 * What the built command loads from `node_modules` rather than carrying:
 * packages that start workers or load files by path (tinypool, jiti), large
 * optional ones loaded on demand (shiki for highlighting, undici for
 * external links, chokidar for `galley dev`), and sharp, whose image
 * library is a native binary of its own package.
 */
export const neverBundle: readonly string[] = [
  'chokidar',
  'jiti',
  'sharp',
  'shiki',
  'tinypool',
  'undici'
]

/**
 * Aliases for loading a site's config (jiti's `alias`): each package the
 * command carries, to the command's own copy, so that the config and the
 * build share one module (one `VFile` class, one cache of schema shapes)
 * and loading the config adds no second copy. Empty when the command runs
 * from source (its tests), where the packages resolve as usual.
 *
 * @param from
 *   URL of a module of the command (`import.meta.url`).
 * @returns
 *   Specifier to file path.
 */
export function runtimeAliases(from: string): Record<string, string> {
  if (from.endsWith('.ts')) return {}
  const aliases: Record<string, string> = {}
  for (const [specifier, name] of Object.entries(runtimeEntries)) {
    const file = fileURLToPath(new URL(`./${name}.js`, from))
    // own-key: the fixed specifiers above.
    if (existsSync(file)) aliases[specifier] = file
  }
  return aliases
}
