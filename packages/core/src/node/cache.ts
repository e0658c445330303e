import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { CachedRender, ContentCache } from '../types.js'

const require = createRequire(import.meta.url)

/** Versions of the packages that render, so an upgrade re-renders everything. */
export function galleyVersions(): string {
  return ['@galley/core', '@galley/markdown', '@galley/frontmatter', '@galley/links']
    .map((name) => {
      try {
        return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`
      } catch {
        return `${name}@?`
      }
    })
    .join(' ')
}

/** Configuration for `createContentCache`. */
export interface ContentCacheOptions {
  /**
   * More text every file name depends on, such as a hash of the lockfile, so
   * that upgrading any dependency (a remark plugin's internals, which its
   * function's source text does not show) renders everything again
   * (default: none).
   */
  salt?: string | null | undefined
}

/**
 * A content cache on disk: one JSON file per render under `dir`, named by a
 * hash of the render's key, the versions of Galley's packages and `salt`.
 * A file that cannot be read is a miss, never an error.
 *
 * @param dir
 *   Folder, such as `.cache/galley/render`.
 * @param options
 *   Configuration (optional).
 * @returns
 *   Cache for `GalleyConfig.cache`.
 */
export function createContentCache(
  dir: string,
  options?: Readonly<ContentCacheOptions> | null
): ContentCache {
  const root = path.resolve(dir)
  const salt = `${galleyVersions()}\u0000${options?.salt ?? ''}`
  const where = (key: string) =>
    path.join(root, `${createHash('sha256').update(`${salt}\u0000${key}`).digest('hex')}.json`)
  return {
    get(key) {
      try {
        // Synchronously: a warm build reads one entry per file, and Node 20
        // reads many small files several times faster so.
        return JSON.parse(readFileSync(where(key), 'utf8')) as CachedRender
      } catch {
        return undefined
      }
    },
    async set(key, value) {
      const file = where(key)
      await mkdir(root, { recursive: true })
      const temporary = `${file}.${process.pid}.tmp`
      await writeFile(temporary, JSON.stringify(value))
      await rename(temporary, file)
    }
  }
}
