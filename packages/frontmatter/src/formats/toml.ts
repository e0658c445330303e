import { type AST, ParseError, parseTOML } from 'toml-eslint-parser'
import { firstLine, syntaxError } from '../place.js'
import type { FormatParser, Key, Located } from './types.js'

type Table = Record<string, unknown>

/**
 * Tables are made without a prototype, so a key such as `__proto__` is an
 * own property like any other, never a setter; `refuseUnsafeKeys` reports
 * it and gives clean tables their prototype back.
 */
function newTable(): Table {
  return Object.create(null) as Table
}

/** TOML between `+++` fences (as Hugo writes it), read into data and a range for every value. */
export const parseToml: FormatParser = (block, file) => {
  const ranges = new Map<string, [number, number]>()
  const keyRanges = new Map<string, [number, number]>()
  const locateKey = (path: ReadonlyArray<Key>) => keyRanges.get(keyOf(path))
  const locate = (path: ReadonlyArray<Key>): Located | undefined => {
    for (let size = path.length; size >= 0; size--) {
      const prefix = path.slice(0, size)
      const range =
        size === 0
          ? ([0, block.value.trimEnd().length] as [number, number])
          : ranges.get(keyOf(prefix))
      if (range) return { path: prefix, range }
    }
    return undefined
  }

  let program: AST.TOMLProgram
  try {
    program = parseTOML(block.value)
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    syntaxError(
      file,
      block,
      'toml-syntax',
      `Cannot parse TOML front matter: ${firstLine(error.message)}; fix the TOML syntax`,
      error.index,
      error.index + 1
    )
    return { data: undefined, locate, locateKey }
  }

  const data = newTable()
  const record: Record_ = (path, node, key) => {
    ranges.set(keyOf(path), node.range)
    if (key) keyRanges.set(keyOf(path), key.range)
  }

  const [top] = program.body
  for (const node of top.body) {
    if (node.type === 'TOMLKeyValue') {
      assign(data, [], node, record)
      continue
    }
    const names = node.key.keys.map(name)
    // Each key of a header (`[a.b]`) has its own place; a table's value range is its header's.
    node.key.keys.forEach((key, index) => {
      const at = keyOf(names.slice(0, index + 1))
      if (!keyRanges.has(at) || index === names.length - 1) keyRanges.set(at, key.range)
    })
    if (node.kind === 'standard') {
      const table = ensureTable(data, names)
      record(names, node)
      for (const item of node.body) assign(table, names, item, record)
    } else {
      const parent = ensureTable(data, names.slice(0, -1))
      const last = names.at(-1) ?? ''
      const list = (Array.isArray(parent[last]) ? parent[last] : []) as Table[]
      // own-key: `parent` has no prototype (see `newTable`).
      parent[last] = list
      const entry = newTable()
      const path = [...names, list.length]
      list.push(entry)
      record(names, node)
      record(path, node)
      for (const item of node.body) assign(entry, path, item, record)
    }
  }

  return { data, locate, locateKey }
}

type Ranged = { range: [number, number] }
type Record_ = (path: ReadonlyArray<Key>, node: Ranged, key?: Ranged) => void

function assign(
  target: Table,
  prefix: ReadonlyArray<Key>,
  node: AST.TOMLKeyValue,
  record: Record_
): void {
  const names = node.key.keys.map(name)
  let table = target
  // Dotted keys (`author.name = …`) create tables on the way.
  names.slice(0, -1).forEach((key, index) => {
    table = ensureTable(table, [key])
    record([...prefix, ...names.slice(0, index + 1)], node, node.key.keys[index])
  })
  const path = [...prefix, ...names]
  // own-key: `table` has no prototype (see `newTable`).
  table[names.at(-1) ?? ''] = convert(node.value, path, record)
  record(path, node.value, node.key.keys.at(-1))
}

function convert(node: AST.TOMLContentNode, path: ReadonlyArray<Key>, record: Record_): unknown {
  if (node.type === 'TOMLArray') {
    return node.elements.map((element, index) => {
      const at = [...path, index]
      record(at, element)
      return convert(element, at, record)
    })
  }
  if (node.type === 'TOMLInlineTable') {
    const inline = newTable()
    for (const item of node.body) assign(inline, path, item, record)
    return inline
  }
  switch (node.kind) {
    // Dates without an offset stay text, so the schema reads them in the site's time zone.
    case 'local-date':
    case 'local-date-time':
    case 'local-time':
      return node.datetime
    default: {
      const value: unknown = node.value
      return typeof value === 'bigint' ? Number(value) : value
    }
  }
}

function ensureTable(root: Table, names: ReadonlyArray<string>): Table {
  let current = root
  for (const key of names) {
    let next = current[key]
    if (Array.isArray(next)) next = next.at(-1)
    if (!next || typeof next !== 'object' || next instanceof Date) {
      next = newTable()
      // own-key: `current` has no prototype (see `newTable`).
      current[key] = next
    }
    current = next as Table
  }
  return current
}

function name(node: AST.TOMLBare | AST.TOMLQuoted): string {
  return node.type === 'TOMLBare' ? node.name : node.value
}

function keyOf(path: ReadonlyArray<Key>): string {
  return JSON.stringify(path)
}
