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
