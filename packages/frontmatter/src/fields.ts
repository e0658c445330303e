import type { StandardSchemaV1 } from '@standard-schema/spec'
import { checkTimeZone, type DateOptions, parseDate } from './date.js'

/** A person, as `author` gives it. */
export interface Author {
  name: string
  email?: string | undefined
  url?: string | undefined
}

/**
 * A field: a Standard Schema for one value, plus its JSON Schema (for
 * editors) and whether a missing value is fine.
 */
export interface Field<Output> extends StandardSchemaV1<unknown, Output> {
  /** Whether the field may be left out (then its output is `fallback`). */
  readonly optional: boolean
  /** Output when the value is missing and the field is optional. */
  readonly fallback: Output | undefined
  /** JSON Schema of the input, for editor completion. */
  readonly jsonSchema: Record<string, unknown>
  /** JSON Schema of the output, for generated types (a list where the input may be one value). */
  readonly outputJsonSchema: Record<string, unknown>
}

type Check<Output> = (
  value: unknown
) => { value: Output } | { message: string; path?: ReadonlyArray<number | string> | undefined }

function field<Output>(
  check: Check<Output>,
  jsonSchema: Record<string, unknown>,
  optional: boolean,
  fallback?: Output,
  outputJsonSchema: Record<string, unknown> = jsonSchema
): Field<Output> {
  return {
    optional,
    fallback,
    jsonSchema,
    outputJsonSchema,
    '~standard': {
      version: 1,
      vendor: 'galley',
      validate(value) {
        if ((value === undefined || value === null) && optional) {
          return { value: fallback as Output }
        }
        const result = check(value)
        return 'message' in result
          ? { issues: [{ message: result.message, path: result.path ?? [] }] }
          : result
      }
    }
  }
}

/** An author as an object: the output of `fields.author`, and one form of its input. */
const authorJson = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    url: { type: 'string', format: 'uri' }
  },
  required: ['name']
}

const dateJson = {
  anyOf: [
    { type: 'string', format: 'date' },
    { type: 'string', format: 'date-time' }
  ],
  description: '`2018-04-23` or an RFC 3339 date-time such as `2018-04-23T10:00:00Z`'
}

function text(value: unknown, empty: boolean): { value: string } | { message: string } {
  if (typeof value !== 'string')
    return { message: empty ? 'Expected text' : 'Expected a non-empty string' }
  const trimmed = value.trim()
  if (!empty && trimmed === '') return { message: 'Expected a non-empty string' }
  return { value: trimmed }
}

/**
 * Read a list of names: a string or a list of strings, trimmed, without
 * empty items or duplicates. Usable in any validator's transform.
 *
 * @param value
 *   Raw value.
 * @returns
 *   Names, or `undefined` when an item is not a string.
 */
export function parseList(value: unknown): string[] | undefined {
  const result = readList(value, 'a string')
  return 'value' in result ? result.value : undefined
}

function readList(
  value: unknown,
  what: string
): { value: string[] } | { message: string; path?: ReadonlyArray<number> } {
  if (!Array.isArray(value)) {
    return typeof value === 'string'
      ? { value: value.trim() ? [value.trim()] : [] }
      : { message: `Expected ${what} or a list of them` }
  }
  const names: string[] = []
  for (const [index, item] of value.entries()) {
    // A number (`tags: [ 2018 ]`, which YAML reads as one) is its digits, as Hugo reads it.
    if (typeof item === 'number' && Number.isFinite(item)) {
      const name = String(item)
      if (!names.includes(name)) names.push(name)
      continue
    }
    if (typeof item !== 'string') return { message: `Expected ${what}`, path: [index] }
    const name = item.trim()
    if (name && !names.includes(name)) names.push(name)
  }
  return { value: names }
}

/** The ready-made fields of a blog post. Each is a Standard Schema. */
export const fields = {
  /** Non-empty text, trimmed (required). */
  title: (): Field<string> =>
    field((value) => text(value, false), { type: 'string', minLength: 1 }, false),

  /** Text such as `description` or `summary` (optional). */
  text: (): Field<string | undefined> =>
    field((value) => text(value, true), { type: 'string' }, true),

  /** A date (required): date-only values are midnight in `timeZone`. */
  date: (options?: Readonly<DateOptions> | null): Field<Date> => dateField(options, false),

  /** A date that may be left out (`updated`, `publishDate`, `expiryDate`). */
  optionalDate: (options?: Readonly<DateOptions> | null): Field<Date | undefined> =>
    dateField(options, true),

  /** Tags: a string or a list of strings, trimmed, without duplicates (default: `[]`). */
  tags: (): Field<string[]> =>
    field(
      (value) => readList(value, 'a tag name (a string)'),
      { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      true,
      [],
      { type: 'array', items: { type: 'string' } }
    ),

  /** `true` or `false` (default: `false`). */
  draft: (): Field<boolean> =>
    field(
      (value) =>
        typeof value === 'boolean' ? { value } : { message: 'Expected `true` or `false`' },
      { type: 'boolean', default: false },
      true,
      false
    ),

  /** A URL slug: text without `/`, `\`, `?`, `#` or spaces (optional). */
  slug: (): Field<string | undefined> =>
    field(
      (value) => {
        const result = text(value, false)
        if ('message' in result) return result
        return /[/\\?#\s]/.test(result.value)
          ? { message: 'Expected a slug without `/`, `\\`, `?`, `#` or spaces, such as `my-post`' }
          : result
      },
      { type: 'string', pattern: '^[^/\\\\?#\\s]+$' },
      true
    ),

  /** Other URL paths of the post (old addresses that should redirect): a path or a list (default: `[]`). */
  aliases: (): Field<string[]> =>
    field(
      (value) => {
        const list = readList(value, 'a URL path')
        if (!('value' in list)) return list
        const bad = list.value.findIndex((path) => !path.startsWith('/'))
        if (bad === -1) return list
        return {
          message: 'Expected a URL path starting with `/`, such as `/old/address/`',
          path: Array.isArray(value)
            ? [value.findIndex((item) => String(item).trim() === list.value[bad])]
            : []
        }
      },
      { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      true,
      [],
      { type: 'array', items: { type: 'string' } }
    ),

  /**
   * A list of names that may be left out: a string or a list of strings,
   * trimmed, without duplicates (`categories`, `keywords`, `images`)
   * (optional, no default).
   */
  list: (): Field<string[] | undefined> =>
    field(
      (value) => readList(value, 'a string'),
      { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      true,
      undefined,
      { type: 'array', items: { type: 'string' } }
    ),

  /**
   * Names as Jekyll reads `tags` and `categories`: a list of strings, or
   * one string of names separated by spaces (`jekyll update`), trimmed,
   * without duplicates (optional; `fallback` when left out).
   */
  words: (fallback?: string[]): Field<string[] | undefined> =>
    field(
      (value) =>
        readList(
          typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value,
          'a string'
        ),
      { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      true,
      fallback,
      { type: 'array', items: { type: 'string' } }
    ),

  /** `true` or `false`, such as Jekyll's `published` (optional, no default). */
  flag: (): Field<boolean | undefined> =>
    field(
      (value) =>
        typeof value === 'boolean' ? { value } : { message: 'Expected `true` or `false`' },
      { type: 'boolean' },
      true
    ),

  /** A finite number, such as Hugo's `weight` (optional). */
  number: (): Field<number | undefined> =>
    field(
      (value) =>
        typeof value === 'number' && Number.isFinite(value)
          ? { value }
          : { message: 'Expected a number' },
      { type: 'number' },
      true
    ),

  /** A URL path starting with `/`, such as Hugo's `url` (optional). */
  path: (): Field<string | undefined> =>
    field(
      (value) => {
        const result = text(value, false)
        if ('message' in result) return result
        return result.value.startsWith('/') && !/[?#\s]/.test(result.value)
          ? result
          : { message: 'Expected a URL path starting with `/`, such as `/about/`' }
      },
      { type: 'string', pattern: '^/[^?#\\s]*$' },
      true
    ),

  /**
   * A key other tools read and Galley does not (Hugo's `layout`, `type`,
   * `menu`): any value is accepted, none is kept (optional).
   */
  ignored: (): Field<undefined> =>
    field(() => ({ value: undefined }), {}, true, undefined, { not: {} }),

  /** An author: a name, or `{ name, email?, url? }` (optional). */
  author: (): Field<Author | undefined> =>
    field(
      (value) => {
        if (typeof value === 'string') {
          const name = text(value, false)
          return 'message' in name
            ? { message: 'Expected a name' }
            : { value: { name: name.value } }
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          return { message: 'Expected a name, or `name`, `email` and `url` keys' }
        }
        const record = value as Record<string, unknown>
        if (typeof record.name !== 'string' || record.name.trim() === '') {
          return { message: 'Expected the author’s name', path: ['name'] }
        }
        const { email, url } = record
        if (
          email !== undefined &&
          !(typeof email === 'string' && /^[^@\s]+@[^@\s]+$/.test(email))
        ) {
          return { message: 'Expected an email address', path: ['email'] }
        }
        if (url !== undefined && !(typeof url === 'string' && URL.canParse(url))) {
          return { message: 'Expected an absolute URL', path: ['url'] }
        }
        const author: Author = { name: record.name.trim() }
        if (typeof record.email === 'string') author.email = record.email
        if (typeof record.url === 'string') author.url = record.url
        return { value: author }
      },
      { anyOf: [{ type: 'string' }, authorJson] },
      true,
      undefined,
      authorJson
    )
}

function dateField(options: Readonly<DateOptions> | null | undefined, optional: false): Field<Date>
function dateField(
  options: Readonly<DateOptions> | null | undefined,
  optional: true
): Field<Date | undefined>
function dateField(
  options: Readonly<DateOptions> | null | undefined,
  optional: boolean
): Field<Date | undefined> {
  const timeZone = checkTimeZone(options?.timeZone)
  return field(
    (value) => {
      const date = parseDate(value, { timeZone })
      return date
        ? { value: date }
        : { message: 'Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`' }
    },
    dateJson,
    optional
  )
}
