import type { VFile } from 'vfile'
import type { Block } from '../split.js'

/** A key or index on the way to a value. */
export type Key = number | string

/** Where a value is: the part of the path that exists, and its range in the block's value. */
export interface Located {
  /** The longest prefix of the asked path that exists. */
  path: ReadonlyArray<Key>
  /** Start and end offsets in the block's value. */
  range: [number, number]
}

/** What a format's parser gives. */
export interface ParsedBlock {
  /** The data, or `undefined` when the block could not be parsed. */
  data: Record<string, unknown> | undefined
  /** Find the deepest existing node on `path` (the empty path is the whole block). */
  locate(path: ReadonlyArray<Key>): Located | undefined
  /** Range of the key (not the value) at the end of `path`, in the block's value. */
  locateKey(path: ReadonlyArray<Key>): [number, number] | undefined
}

/** A format's parser: adds its syntax errors to `file` (fatal) and returns the data. */
export type FormatParser = (block: Block, file: VFile) => ParsedBlock
