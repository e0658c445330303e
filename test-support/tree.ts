import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Every file of a folder with its text, sorted by path, to compare two
 * output folders byte for byte; `undefined` when there is no folder.
 * Synchronous: Node 20's recursive `readdir` promise is many times slower.
 */
export function treeOf(dir: string): Record<string, string> | undefined {
  if (!existsSync(dir)) return undefined
  const found: Array<[string, string]> = []
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    found.push([path.relative(dir, file), readFileSync(file, 'utf8')])
  }
  return Object.fromEntries(found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * The HTML pages of a built site, as `/`-separated paths inside it, sorted:
 * what a test compares with the pages it expects.
 */
export function htmlPagesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => String(name).split(path.sep).join('/'))
    .filter((name) => name.endsWith('.html'))
    .sort()
}
