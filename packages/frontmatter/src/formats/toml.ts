import { type AST, ParseError, parseTOML } from 'toml-eslint-parser'
import { firstLine, syntaxError } from '../place.js'
import type { FormatParser, Key, Located } from './types.js'

type Table = Record<string, unknown>

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

  const data: Table = {}
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
    if (node.kind === 'standard') {
      const table = ensureTable(data, names)
      record(names, node, node.key)
      for (const item of node.body) assign(table, names, item, record)
    } else {
      const parent = ensureTable(data, names.slice(0, -1))
      const last = names.at(-1) ?? ''
      const list = (Array.isArray(parent[last]) ? parent[last] : []) as Table[]
      parent[last] = list
      const table: Table = {}
      const path = [...names, list.length]
      list.push(table)
      record(names, node, node.key)
      record(path, node)
      for (const item of node.body) assign(table, path, item, record)
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
    const table: Table = {}
    for (const item of node.body) assign(table, path, item, record)
    return table
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
  let table = root
  for (const key of names) {
    let next = table[key]
    if (Array.isArray(next)) next = next.at(-1)
    if (!next || typeof next !== 'object' || next instanceof Date) {
      next = {}
      table[key] = next
    }
    table = next as Table
  }
  return table
}

function name(node: AST.TOMLBare | AST.TOMLQuoted): string {
  return node.type === 'TOMLBare' ? node.name : node.value
}

function keyOf(path: ReadonlyArray<Key>): string {
  return JSON.stringify(path)
}
