import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { VFile } from 'vfile'
import { location } from 'vfile-location'
import { parseDocument } from 'yaml'
import type { DataEntry } from '../references.js'
import { source } from '../source.js'

/**
 * Read data collections (authors, series): every `.yaml`, `.yml` or `.json`
 * file of each folder is one entry, its id the file name without extension.
 * A file that cannot be parsed becomes a fatal `data-syntax` message at its
 * line and column, and no entry.
 *
 * @param dirs
 *   Folders by collection name, such as `{ authors: 'content/authors' }`.
 * @param options
 *   `cwd` paths are relative to (default: `process.cwd()`).
 * @returns
 *   Entries by collection, and the files (with any messages).
 */
export async function loadData(
  dirs: Readonly<Record<string, string>>,
  options?: { cwd?: string | null | undefined } | null
): Promise<{ data: Record<string, DataEntry[]>; files: VFile[] }> {
  const cwd = path.resolve(options?.cwd ?? process.cwd())
  const data: Record<string, DataEntry[]> = {}
  const files: VFile[] = []
  for (const [name, dir] of Object.entries(dirs)) {
    const root = path.resolve(cwd, dir)
    const found = (
      await glob(['*.{yaml,yml,json}'], { cwd: root, absolute: true }).catch(() => [])
    ).sort()
    data[name] = []
    for (const absolute of found) {
      const file = new VFile({
        cwd,
        path: path.relative(cwd, absolute),
        value: await readFile(absolute, 'utf8')
      })
      files.push(file)
      const document = parseDocument(String(file.value), { prettyErrors: false })
      if (document.errors.length > 0) {
        const place = location(file)
        for (const error of document.errors) {
          const message = file.message(`Cannot parse data file: ${error.message.split('\n')[0]}`, {
            place: {
              start: place.toPoint(error.pos[0]) ?? { line: 1, column: 1 },
              end: place.toPoint(error.pos[1]) ?? { line: 1, column: 1 }
            },
            ruleId: 'data-syntax',
            source
          })
          message.fatal = true
        }
        continue
      }
      data[name].push({
        id: path.basename(absolute).replace(/\.[^.]+$/, ''),
        data: document.toJS()
      })
    }
  }
  return { data, files }
}
