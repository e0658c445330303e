import type { VFile } from 'vfile'
import type { Key, ParsedBlock } from './formats/types.js'
import { source, toPosition } from './place.js'
import type { Block } from './split.js'

/**
 * Keys that reach into JavaScript's object model instead of naming a value:
 * `__proto__` sets an object's prototype when assigned, and `constructor` /
 * `prototype` lead from any object to `Object.prototype` in code that walks
 * a path of keys (merges, `set(obj, 'a.b', …)` helpers). Front matter and
 * data files are untrusted input, so such keys are refused.
 */
export const unsafeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Refuse every unsafe key in parsed data, wherever it is nested: each one
 * becomes a fatal `unsafe-key` message at the key's place, and is removed.
 * Objects the parser made without a prototype (TOML tables) get the usual
 * one back once they are clean, so schemas and layouts see plain objects.
 *
 * @returns
 *   Whether the data was clean.
 */
export function refuseUnsafeKeys(
  file: VFile,
  block: Block,
  parsed: ParsedBlock,
  data: Record<string, unknown>
): boolean {
  let clean = true
  const seen = new Set<object>()
  const visit = (value: unknown, path: ReadonlyArray<Key>): void => {
    if (!value || typeof value !== 'object' || value instanceof Date || seen.has(value)) return
    seen.add(value)
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, [...path, index])
      return
    }
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const at = [...path, key]
      if (unsafeKeys.has(key)) {
        clean = false
        report(file, block, parsed, at)
        Reflect.deleteProperty(record, key)
        continue
      }
      visit(record[key], at)
    }
    if (Object.getPrototypeOf(record) === null) Object.setPrototypeOf(record, Object.prototype)
  }
  visit(data, [])
  return clean
}

function report(file: VFile, block: Block, parsed: ParsedBlock, path: ReadonlyArray<Key>): void {
  const range = parsed.locateKey(path) ?? parsed.locate(path)?.range ?? [0, 0]
  const name = path.map(String).join('.')
  const message = file.message(
    `Unexpected key \`${name}\`: \`${String(path.at(-1))}\` could change every object of the build; rename or remove it`,
    {
      place: toPosition(file, block.valueStart + range[0], block.valueStart + range[1]),
      ruleId: 'unsafe-key',
      source
    }
  )
  message.fatal = true
}
