import { placeOf } from './place.js'
import { source } from './source.js'
import type { DataEntry, Page, PostData } from './types.js'

/**
 * Check `references` (front-matter key → data collection) once every entry is
 * loaded: each id must name an entry of the collection, else a fatal
 * `missing-reference` message at the value. Resolved entries go on
 * `page.references`.
 *
 * @returns
 *   The pages whose references all resolve.
 */
export function checkReferences<D extends PostData>(
  pages: ReadonlyArray<Page<D>>,
  references: Readonly<Record<string, string>>,
  data: Readonly<Record<string, ReadonlyArray<DataEntry>>>
): Array<Page<D>> {
  const collections = new Map(
    Object.entries(data).map(([name, entries]) => [
      name,
      new Map(entries.map((entry) => [entry.id, entry]))
    ])
  )
  for (const [key, name] of Object.entries(references)) {
    if (!collections.has(name)) {
      throw new TypeError(
        `Expected \`references.${key}\` to name a data collection (${[...collections.keys()].map((known) => `\`${known}\``).join(', ') || 'none loaded'}), not \`${name}\``
      )
    }
  }

  return pages.filter((page) => {
    let ok = true
    const resolved: Record<string, DataEntry | DataEntry[]> = {}
    for (const [key, name] of Object.entries(references)) {
      const value = page.file.data.matter?.[key]
      const entries = collections.get(name) as Map<string, DataEntry>
      const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value : []
      const found: DataEntry[] = []
      ids.forEach((id, index) => {
        if (typeof id !== 'string') return
        const entry = entries.get(id)
        if (entry) {
          found.push(entry)
          return
        }
        const path = Array.isArray(value) ? [key, index] : [key]
        const place = placeOf(page.file, path)
        const known = [...entries.keys()]
        const message = page.file.message(
          `Cannot find \`${id}\` in \`${name}\`${known.length > 0 && known.length <= 8 ? `, expected one of ${known.map((item) => `\`${item}\``).join(', ')}` : ''}`,
          { place: place ?? { line: 1, column: 1 }, ruleId: 'missing-reference', source }
        )
        message.fatal = true
        ok = false
      })
      // own-key: `key` is a key of the config's `references`.
      if (found.length > 0) resolved[key] = Array.isArray(value) ? found : (found[0] as DataEntry)
    }
    page.references = resolved
    return ok
  })
}
