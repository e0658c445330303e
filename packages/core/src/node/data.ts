import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type Format, parseData, validateFrontmatter } from '@galley/frontmatter'
import { glob } from 'tinyglobby'
import { VFile } from 'vfile'
import { foldersOf } from '../folders.js'
import type { DataCollection, DataEntry, GalleyConfig, PostSchema } from '../types.js'

const formats: Readonly<Record<string, Format>> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
  '.toml': 'toml'
}

/**
 * Read the data collections of a config (authors, series): every YAML, JSON
 * or TOML file a collection's glob takes (relative to `contentDir`) is one
 * entry, its id the file name without extension, validated by the
 * collection's schema. A file that cannot be parsed or does not validate
 * gets fatal messages at its lines and columns, and gives no entry.
 *
 * @param config
 *   Configuration: `collections` and `contentDir`.
 * @param options
 *   `cwd` that `contentDir` is relative to (default: `process.cwd()`).
 * @returns
 *   Entries by collection, and the files (with any messages).
 */
export async function loadData(
  config: Pick<Readonly<GalleyConfig<PostSchema>>, 'collections' | 'contentDir'>,
  options?: { cwd?: string | null | undefined } | null
): Promise<{ data: Record<string, DataEntry[]>; files: VFile[] }> {
  const cwd = path.resolve(options?.cwd ?? process.cwd())
  const root = path.resolve(cwd, foldersOf(config).contentDir)
  const data: Record<string, DataEntry[]> = {}
  const files: VFile[] = []
  for (const [name, collection] of Object.entries(config.collections ?? {})) {
    if (collection.type !== 'data') continue
    const { glob: patterns, schema } = collection as DataCollection
    const found = (
      await glob(typeof patterns === 'string' ? [patterns] : [...patterns], {
        cwd: root,
        absolute: true,
        onlyFiles: true
      }).catch(() => [])
    ).sort()
    // own-key: collection names come from the config.
    data[name] = []
    for (const absolute of found) {
      // An own key only: `authors/x.constructor` is no format.
      const extension = path.extname(absolute).toLowerCase()
      const format = Object.hasOwn(formats, extension) ? formats[extension] : undefined
      if (!format) continue
      const file = new VFile({
        cwd,
        path: path.relative(cwd, absolute),
        value: await readFile(absolute, 'utf8')
      })
      files.push(file)
      let value: unknown = parseData(file, format)
      if (file.messages.some((message) => message.fatal)) continue
      if (schema) {
        value = await validateFrontmatter(file, schema, { unknownKeys: 'warn' })
        if (value === undefined) continue
      }
      data[name].push({ id: path.basename(absolute).replace(/\.[^.]+$/, ''), data: value })
    }
  }
  return { data, files }
}
