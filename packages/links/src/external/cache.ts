import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ExternalResult } from './types.js'

const version = 1

/** Results by URL, as kept on disk. */
export type CacheEntries = Map<string, ExternalResult>

/**
 * Read the cache file. A missing file is an empty cache; a file that cannot
 * be read as a cache is discarded, and the reason returned.
 *
 * @returns
 *   Entries, and a warning when the file was corrupt.
 */
export async function loadCache(
  file: string
): Promise<{ entries: CacheEntries; warning?: string }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return { entries: new Map() }
  }
  try {
    const value = JSON.parse(text) as {
      version?: unknown
      entries?: Record<string, ExternalResult>
    }
    if (value.version !== version || !value.entries || typeof value.entries !== 'object') {
      throw new Error('unexpected shape')
    }
    return { entries: new Map(Object.entries(value.entries)) }
  } catch (error) {
    return {
      entries: new Map(),
      warning: `Unexpected contents in link cache \`${file}\` (${(error as Error).message}); it was discarded and every link is checked again`
    }
  }
}

/** Write the cache atomically (a temporary file renamed into place). */
export async function saveCache(file: string, entries: CacheEntries): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const sorted = Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)))
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify({ version, entries: sorted }, null, 2)}\n`)
  await rename(temporary, file)
}
