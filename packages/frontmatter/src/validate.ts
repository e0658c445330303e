import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { VFile } from 'vfile'
import { type FileNameDates, fileNameDate } from './file-name.js'
import type { Key, ParsedBlock } from './formats/types.js'
import { declaredShape, findUnknownKeys } from './keys.js'
import { parseFrontmatter, releaseTree } from './parse.js'
import { source, toPosition } from './place.js'
import type { Block } from './split.js'
import { getParsed, getValidated, setValidated } from './state.js'

/** Configuration for `validateFrontmatter`. */
export interface ValidateOptions {
  /**
   * What to do with keys the schema does not declare (a misspelled `dat:`
   * is otherwise dropped without a word by most validators): `'ignore'`,
   * `'warn'` (a warning) or `'error'` (a fatal message) (default: `'warn'`).
   * Only schemas that tell their keys are checked: Zod 4, ArkType 2 and
   * `blogSchema` (Standard JSON Schema), and Valibot objects.
   */
  unknownKeys?: 'error' | 'ignore' | 'warn' | null | undefined
  /**
   * Which files' names give the `date` their front matter leaves out
   * (`_posts/2018-04-23-hello.md`: `2018-04-23`): `'jekyll'`, files in a
   * `_posts` folder, `'all'`, any file, or `'none'` (default: `'jekyll'`).
   */
  fileNameDates?: FileNameDates | null | undefined
}

const policies = new Set(['error', 'ignore', 'warn'])

/**
 * Validate the front matter of `file` with any Standard Schema validator
 * (Zod 4, Valibot 1, ArkType 2, or Galley's own `blogSchema`).
 *
 * Every issue the validator reports becomes one fatal message (rule `schema`)
 * placed on the offending value in the original file; a missing key is placed
 * on its parent, or on the whole front-matter block. Keys the schema does not
 * declare are reported by the `unknownKeys` policy. Content problems never
 * throw; bad options throw a `TypeError`.
 *
 * @param file
 *   File to validate; parsed first when `parseFrontmatter` has not run yet.
 * @param schema
 *   Standard Schema to validate with.
 * @param options
 *   Configuration (optional).
 * @returns
 *   The validated (and transformed) value, or `undefined` when the front matter
 *   could not be parsed or did not validate. The value is also stored as
 *   `file.data.galleyFrontmatter`.
 */
export async function validateFrontmatter<S extends StandardSchemaV1>(
  file: VFile,
  schema: S,
  options?: Readonly<ValidateOptions> | null
): Promise<StandardSchemaV1.InferOutput<S> | undefined> {
  const policy = options?.unknownKeys ?? 'warn'
  if (!policies.has(policy)) {
    throw new TypeError(
      `Expected \`unknownKeys\` to be \`'ignore'\`, \`'warn'\` or \`'error'\`, not \`${String(policy)}\``
    )
  }
  const dates = options?.fileNameDates
  if (dates !== undefined && dates !== null && !['all', 'jekyll', 'none'].includes(dates)) {
    throw new TypeError(
      `Expected \`fileNameDates\` to be \`'jekyll'\`, \`'all'\` or \`'none'\`, not \`${String(dates)}\``
    )
  }
  if (
    !schema ||
    (typeof schema !== 'object' && typeof schema !== 'function') ||
    !('~standard' in schema)
  ) {
    throw new TypeError(
      'Expected `schema` to be a Standard Schema (such as a Zod, Valibot or ArkType schema)'
    )
  }

  if (!getParsed(file)) parseFrontmatter(file)
  const state = getParsed(file)
  // Its messages are the file's now: a later `remarkGalleyFrontmatter` with
  // the same schema and policy takes the result as it is.
  setValidated(file, { schema, policy, value: file.value })
  if (!state?.ok) return undefined

  const reports: Report[] = []
  const where = new Locator(file, state.block, state.parsed)

  if (policy !== 'ignore' && state.block) {
    const shape = declaredShape(schema)
    for (const unknown of shape ? findUnknownKeys(state.data, shape) : []) {
      const name = formatPath(unknown.path)
      const hint = unknown.suggestions.length
        ? `; did you mean ${unknown.suggestions.map((key) => `\`${key}\``).join(' or ')}`
        : '; remove it, or add it to the schema'
      reports.push({
        ...where.key(unknown.path),
        reason: `Unexpected unknown key \`${name}\`${hint}`,
        ruleId: 'unknown-key',
        fatal: policy === 'error',
        expected: unknown.suggestions
      })
    }
  }

  const result = await schema['~standard'].validate(withFileNameDate(file, state.data, options))
  const paths = (result.issues ?? []).map((issue) =>
    (issue.path ?? []).map((segment) =>
      typeof segment === 'object' ? (segment.key as Key) : (segment as Key)
    )
  )
  if (!state.block && result.issues) {
    // No block at all: one message, naming what the schema needs.
    reports.push(missingBlock(paths))
  } else {
    for (const [index, issue] of (result.issues ?? []).entries()) {
      const path = paths[index] as Key[]
      reports.push({ ...where.issue(path, issue.message), ruleId: 'schema', fatal: true })
    }
  }

  // In document order, whatever order the validator found them in.
  reports.sort((a, b) => a.offset - b.offset)
  for (const report of reports) {
    const message = file.message(report.reason, {
      place: report.place,
      ruleId: report.ruleId,
      source
    })
    message.fatal = report.fatal
    if (report.expected) message.expected = report.expected
  }

  // Every message of the block is placed: its tree is parsed again if a later one needs it.
  releaseTree(file)
  if (result.issues || reports.some((report) => report.fatal)) return undefined
  const value = withUpdated(file, result.value)
  file.data.galleyFrontmatter = value
  return value as StandardSchemaV1.InferOutput<S>
}

/**
 * The validated value with the `updated` date of `file.data.galleyFallbacks`
 * (git's), when it is an object with no `updated` of its own.
 */
function withUpdated(file: VFile, value: unknown): unknown {
  const updated = file.data.galleyFallbacks?.updated
  if (!updated || !value || typeof value !== 'object' || Array.isArray(value)) return value
  if ((value as { updated?: unknown }).updated !== undefined) return value
  return { ...value, updated }
}

/**
 * The front matter with the date its file's name gives (`fileNameDates`),
 * else the `date` of `file.data.galleyFallbacks` (git's), when it has no
 * `date` of its own.
 */
function withFileNameDate(
  file: VFile,
  data: unknown,
  options: Readonly<ValidateOptions> | null | undefined
): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.hasOwn(data, 'date')) {
    return data
  }
  const named = file.path ? fileNameDate(file.path, options?.fileNameDates) : undefined
  const fallback = file.data.galleyFallbacks?.date
  if (!named && !fallback) return data
  // A copy with no prototype, as parsed front matter is.
  // own-key: onto a null-prototype object, `__proto__` is a plain own key.
  return Object.assign(Object.create(null), data, { date: named?.date ?? fallback })
}

/**
 * The one message of a file with no front matter whose schema requires
 * some: it names the keys, once.
 */
function missingBlock(paths: ReadonlyArray<ReadonlyArray<Key>>): Report {
  const names = [...new Set(paths.filter((path) => path.length > 0).map((path) => String(path[0])))]
  const listed = names.map((name) => `\`${name}\``)
  const needs =
    listed.length === 0
      ? 'the schema expects front matter'
      : `the schema requires ${listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}`}`
  return {
    offset: -1,
    place: { line: 1, column: 1 },
    reason: `Missing front matter: ${needs}; add a \`---\` block with ${listed.length === 1 ? 'it' : 'them'} at the top of the file`,
    ruleId: 'missing-frontmatter',
    fatal: true,
    ...(names.length > 0 ? { expected: names } : {})
  }
}

interface Report {
  offset: number
  place: ReturnType<typeof toPosition> | { line: number; column: number }
  reason: string
  ruleId: string
  fatal: boolean
  expected?: string[]
}

/** Places messages on the block of one file. */
class Locator {
  readonly file: VFile
  readonly block: Block | undefined
  readonly parsed: ParsedBlock | undefined

  constructor(file: VFile, block: Block | undefined, parsed: ParsedBlock | undefined) {
    this.file = file
    this.block = block
    this.parsed = parsed
  }

  key(path: ReadonlyArray<Key>): Pick<Report, 'offset' | 'place'> {
    const range = this.parsed?.locateKey(path) ?? this.parsed?.locate(path)?.range
    return this.at(range ?? [0, 0])
  }

  issue(path: ReadonlyArray<Key>, text: string): Pick<Report, 'offset' | 'place' | 'reason'> {
    const name = formatPath(path)
    const found = this.parsed?.locate(path)
    const { block } = this

    // A file with no block is told once, by `missingBlock`.
    if (!block) return { offset: -1, place: { line: 1, column: 1 }, reason: text }

    if (found && found.path.length === path.length && path.length > 0) {
      const actual = block.value.slice(found.range[0], found.range[1])
      return {
        ...this.at(found.range),
        reason: actual.trim()
          ? `Unexpected \`${name}\` value \`${shorten(actual)}\`: ${text}`
          : `Unexpected empty \`${name}\`: ${text}`
      }
    }

    if (found && found.path.length > 0) {
      return {
        ...this.at(found.range),
        reason: `Missing \`${name}\` in \`${formatPath(found.path)}\`: ${text}`
      }
    }

    return {
      offset: block.start,
      place: toPosition(this.file, block.start, block.end),
      reason:
        path.length > 0
          ? `Missing \`${name}\` in front matter: ${text}`
          : `Unexpected front matter: ${text}`
    }
  }

  private at(range: [number, number]): Pick<Report, 'offset' | 'place'> {
    const start = (this.block?.valueStart ?? 0) + range[0]
    const end = (this.block?.valueStart ?? 0) + range[1]
    return { offset: start, place: toPosition(this.file, start, end) }
  }
}

/** A path as messages name it (`tags[1]`, `author.name`), long keys cut short. */
function formatPath(path: ReadonlyArray<Key>): string {
  let value = ''
  for (const key of path) {
    value += typeof key === 'number' ? `[${key}]` : value ? `.${shorten(key)}` : shorten(key)
  }
  return value || '(root)'
}

function shorten(value: string): string {
  const line = value.split(/\r?\n/)[0] ?? ''
  return line.length > 40 ? `${line.slice(0, 39)}…` : line
}

/**
 * Take a file's `file.data.matter` and `file.data.galleyFrontmatter` as
 * validated with `schema` and `options` already (by `validateFrontmatter`
 * on another copy of the file, such as in the thread that hands it to a
 * worker to render): `remarkGalleyFrontmatter` with the same schema and
 * `unknownKeys` then neither parses nor validates it again, and adds no
 * messages. Its messages are the other copy's to report.
 *
 * @param file
 *   File whose `data.matter` (and, when valid, `data.galleyFrontmatter`)
 *   are set.
 * @param schema
 *   The schema it was validated with.
 * @param options
 *   The options it was validated with (optional).
 */
export function markValidated(
  file: VFile,
  schema: StandardSchemaV1,
  options?: Readonly<ValidateOptions> | null
): void {
  setValidated(file, { schema, policy: options?.unknownKeys ?? 'warn', value: file.value })
}

/**
 * Whether `file` was validated (or marked so) with `schema` and `options`,
 * and its text is still the one that was.
 */
export function isValidated(
  file: VFile,
  schema: StandardSchemaV1,
  options?: Readonly<ValidateOptions> | null
): boolean {
  const done = getValidated(file)
  return (
    done?.schema === schema &&
    done.policy === (options?.unknownKeys ?? 'warn') &&
    done.value === file.value
  )
}
