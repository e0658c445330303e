import type { StandardSchemaV1 } from '@standard-schema/spec'

/** The keys a schema declares, as far as it tells. */
export interface Shape {
  /** Declared keys of an object, with what is known of their values. */
  properties?: Map<string, Shape | undefined> | undefined
  /** What is known of the items of an array. */
  items?: Shape | undefined
}

/** A key in the data that the schema does not declare. */
export interface UnknownKey {
  /** Path of the key, the key included. */
  path: Array<number | string>
  /** Declared keys close to it, best first. */
  suggestions: string[]
}

/**
 * The keys `schema` declares: from its Standard JSON Schema when it has one
 * (Zod 4, ArkType 2, Galley's `blogSchema`), else from Valibot's `entries`.
 *
 * @param schema
 *   Schema.
 * @returns
 *   Shape, or `undefined` when the schema does not tell (no check is made then).
 */
export function declaredShape(schema: StandardSchemaV1): Shape | undefined {
  // Computed once per schema: one schema validates every file of a site.
  if (!shapes.has(schema)) shapes.set(schema, computeShape(schema))
  return shapes.get(schema)
}

const shapes = new WeakMap<StandardSchemaV1, Shape | undefined>()

function computeShape(schema: StandardSchemaV1): Shape | undefined {
  const standard = schema['~standard'] as StandardSchemaV1.Props & {
    jsonSchema?: { input(options: { target: string; libraryOptions?: unknown }): unknown }
  }
  if (standard.jsonSchema) {
    try {
      const json = standard.jsonSchema.input({
        target: 'draft-2020-12',
        libraryOptions: { unrepresentable: 'any' }
      })
      return fromJsonSchema(json)
    } catch {
      // A schema that cannot be expressed as JSON Schema: fall through.
    }
  }
  return fromValibot(schema)
}

function fromJsonSchema(value: unknown): Shape | undefined {
  if (!isRecord(value)) return undefined
  // `anyOf: [string, object]` (a name or an author object): the object alternatives tell the keys.
  const alternatives = [value.anyOf, value.oneOf].flatMap((list) =>
    Array.isArray(list) ? list : []
  )
  for (const alternative of alternatives) {
    const shape = fromJsonSchema(alternative)
    if (shape) return shape
  }
  const shape: Shape = {}
  // An object that also accepts any other key declares nothing to check against.
  if (isRecord(value.properties) && !isOpen(value.additionalProperties)) {
    shape.properties = new Map(
      Object.entries(value.properties).map(([key, field]) => [key, fromJsonSchema(field)])
    )
  }
  if (isRecord(value.items)) shape.items = fromJsonSchema(value.items)
  return shape.properties || shape.items ? shape : undefined
}

function isOpen(additional: unknown): boolean {
  return additional === true || (isRecord(additional) && Object.keys(additional).length === 0)
}

function fromValibot(value: unknown): Shape | undefined {
  if (!isRecord(value)) return undefined
  if (
    (value.type === 'optional' || value.type === 'nullable' || value.type === 'nullish') &&
    value.wrapped
  ) {
    return fromValibot(value.wrapped)
  }
  if (value.type === 'object' && isRecord(value.entries)) {
    return {
      properties: new Map(
        Object.entries(value.entries).map(([key, field]) => [key, fromValibot(field)])
      )
    }
  }
  if (value.type === 'array' && value.item) {
    const items = fromValibot(value.item)
    return items ? { items } : undefined
  }
  return undefined
}

/**
 * Every key of `data` that `shape` does not declare, nested ones included.
 *
 * @param data
 *   Raw front matter.
 * @param shape
 *   Declared keys.
 * @returns
 *   Unknown keys, in document order.
 */
export function findUnknownKeys(data: unknown, shape: Shape): UnknownKey[] {
  const found: UnknownKey[] = []
  walk(data, shape, [], found)
  return found
}

function walk(
  value: unknown,
  shape: Shape,
  path: Array<number | string>,
  found: UnknownKey[]
): void {
  if (Array.isArray(value)) {
    const items = shape.items
    if (items) {
      for (const [index, item] of value.entries()) walk(item, items, [...path, index], found)
    }
    return
  }
  if (!isRecord(value) || value instanceof Date || !shape.properties) return
  const declared = shape.properties
  for (const [key, field] of Object.entries(value)) {
    if (declared.has(key)) {
      const nested = declared.get(key)
      if (nested) walk(field, nested, [...path, key], found)
    } else {
      found.push({ path: [...path, key], suggestions: closest(key, [...declared.keys()]) })
    }
  }
}

function closest(key: string, candidates: ReadonlyArray<string>): string[] {
  const limit = Math.max(1, Math.floor(key.length / 3))
  return (
    candidates
      // The distance is at least the difference in length: a key far longer
      // than any declared one (a pasted paragraph) is compared with none.
      .filter((candidate) => Math.abs(candidate.length - key.length) <= limit)
      .map((candidate) => ({
        candidate,
        distance: distance(key.toLowerCase(), candidate.toLowerCase())
      }))
      .filter((item) => item.distance <= limit)
      .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
      .slice(0, 3)
      .map((item) => item.candidate)
  )
}

/**
 * Edit distance where swapping two neighbours counts once (optimal string
 * alignment), so `titel` is one edit from `title` and `tgas` from `tags`.
 */
function distance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i])
  // own-key: `j` is an index.
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[]
      const above = rows[i - 1] as number[]
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1)
      }
      // own-key: `j` is an index.
      row[j] = best
    }
  }
  return (rows[a.length] as number[])[b.length] as number
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
