import { existsSync } from 'node:fs'
import path from 'node:path'
import type { GalleyConfig } from '@galley/core'
import { createJiti } from 'jiti'

const names = ['galley.config.ts', 'galley.config.mts', 'galley.config.js', 'galley.config.mjs']

/**
 * Find and load the site's configuration: `--config`, else the first
 * `galley.config.{ts,mts,js,mjs}` in `cwd`. TypeScript is loaded with jiti,
 * since Node 20 cannot import it.
 *
 * @param cwd
 *   Folder of the site.
 * @param given
 *   Path from `--config`, if any.
 * @returns
 *   Configuration and the path it came from.
 */
export async function loadConfig(
  cwd: string,
  given: string | undefined
): Promise<{ config: GalleyConfig; path: string }> {
  const candidates = given ? [path.resolve(cwd, given)] : names.map((name) => path.join(cwd, name))
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) {
    throw new Error(
      given
        ? `Cannot find config file \`${given}\``
        : `Cannot find \`galley.config.ts\` (or .mts, .js, .mjs) in \`${cwd}\`; create one that exports \`defineConfig({ site: 'https://example.com/' })\` as default`
    )
  }
  const jiti = createJiti(import.meta.url, { moduleCache: false })
  const config = await jiti.import<GalleyConfig>(found, { default: true })
  if (!config || typeof config !== 'object') {
    throw new Error(
      `Expected \`${path.relative(cwd, found)}\` to export a configuration as default`
    )
  }
  return { config, path: found }
}
