import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { VFile } from 'vfile'
import type { ParsedBlock } from './formats/types.js'
import type { Block } from './split.js'

/** What parsing left behind for validation to place its messages with. */
export interface Parsed {
  block: Block | undefined
  parsed: ParsedBlock | undefined
  data: Record<string, unknown>
  ok: boolean
}

const parsed = new WeakMap<VFile, Parsed>()

export function setParsed(file: VFile, value: Parsed): void {
  parsed.set(file, value)
}

export function getParsed(file: VFile): Parsed | undefined {
  return parsed.get(file)
}

/** How a file's front matter was validated: the schema, the `unknownKeys` policy and the text. */
export interface Validated {
  schema: StandardSchemaV1
  policy: string
  value: unknown
}

const validated = new WeakMap<VFile, Validated>()

export function setValidated(file: VFile, value: Validated): void {
  validated.set(file, value)
}

export function getValidated(file: VFile): Validated | undefined {
  return validated.get(file)
}
