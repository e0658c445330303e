import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { Document, Node as YamlNode } from 'yaml'
import { isNode } from 'yaml'
import { parseFrontmatter, source } from './parse.js'
import { toPosition } from './place.js'
import type { Block } from './split.js'
import { getParsed } from './state.js'

/**
 * Validate the front matter of `file` with any Standard Schema validator
 * (Zod 4, Valibot 1, ArkType 2, or Galley's own `blogSchema`).
 *
 * Every issue the validator reports becomes one fatal message (rule `schema`)
 * placed on the offending value in the original file; a missing key is placed
 * on the whole front-matter block. Content problems never throw.
 *
 * @param file
 *   File to validate; parsed first when `parseFrontmatter` has not run yet.
 * @param schema
 *   Standard Schema to validate with.
 * @returns
 *   The validated (and transformed) value, or `undefined` when the front matter
 *   could not be parsed or did not validate. The value is also stored as
 *   `file.data.galleyFrontmatter`.
 */
export async function validateFrontmatter<S extends StandardSchemaV1>(
  file: VFile,
  schema: S
): Promise<StandardSchemaV1.InferOutput<S> | undefined> {
  if (!getParsed(file)) parseFrontmatter(file)
  const parsed = getParsed(file)
  if (!parsed?.ok) return undefined

  const result = await schema['~standard'].validate(parsed.data)

  if (result.issues) {
    for (const issue of result.issues) {
      report(file, parsed.block, parsed.document, issue)
    }
    return undefined
  }

  file.data.galleyFrontmatter = result.value
  return result.value as StandardSchemaV1.InferOutput<S>
}

function report(
  file: VFile,
  block: Block | undefined,
  document: Document | undefined,
  issue: StandardSchemaV1.Issue
): void {
  const path = (issue.path ?? []).map((segment) =>
    typeof segment === 'object' ? segment.key : segment
  )
  const name = formatPath(path)
  let place: Position | undefined
  let reason: string

  const node = block && document ? find(document, block.value, path) : undefined

  if (block && node && node.path.length === path.length && path.length > 0) {
    const [from, to] = node.range
    const actual = block.value.slice(from, to)
    place = toPosition(file, block.valueStart + from, block.valueStart + to)
    reason = actual.trim()
      ? `Unexpected \`${name}\` value \`${shorten(actual)}\`: ${issue.message}`
      : `Unexpected empty \`${name}\`: ${issue.message}`
  } else if (block && node && node.path.length > 0) {
    const [from, to] = node.range
    place = toPosition(file, block.valueStart + from, block.valueStart + to)
    reason = `Missing \`${name}\` in \`${formatPath(node.path)}\`: ${issue.message}`
  } else if (block) {
    place = toPosition(file, block.start, block.end)
    reason =
      path.length > 0
        ? `Missing \`${name}\` in front matter: ${issue.message}`
        : `Unexpected front matter: ${issue.message}`
  } else {
    reason = `Missing front matter: ${issue.message}; add a \`---\` block at the top of the file`
  }

  const message = file.message(reason, {
    place: place ?? { line: 1, column: 1 },
    ruleId: 'schema',
    source
  })
  message.fatal = true
}

/** Deepest node on `path` that exists in the document, with its range and path. */
function find(
  document: Document,
  text: string,
  path: ReadonlyArray<PropertyKey>
): { path: ReadonlyArray<PropertyKey>; range: [number, number] } | undefined {
  for (let size = path.length; size > 0; size--) {
    const prefix = path.slice(0, size)
    const node: unknown = document.getIn(prefix as unknown[], true)
    if (isNode(node) && (node as YamlNode).range) {
      const [from, to] = (node as YamlNode).range as [number, number, number]
      // Collections end after their last line break; stop at their last character.
      return { path: prefix, range: [from, from + text.slice(from, to).trimEnd().length] }
    }
  }
  return undefined
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let value = ''
  for (const key of path) {
    value += typeof key === 'number' ? `[${key}]` : value ? `.${String(key)}` : String(key)
  }
  return value || '(root)'
}

function shorten(value: string): string {
  const line = value.split(/\r?\n/)[0] ?? ''
  return line.length > 40 ? `${line.slice(0, 39)}…` : line
}
