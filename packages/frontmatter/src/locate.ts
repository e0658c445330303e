import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { Key } from './formats/types.js'
import { toPosition } from './place.js'
import { getParsed } from './state.js'

/**
 * Where a front-matter value is in the original file, for messages about it
 * made after validation (such as a reference to something that does not
 * exist). The file must have been parsed by this package.
 *
 * @param file
 *   File.
 * @param path
 *   Keys and indexes, such as `['authors', 1]`.
 * @returns
 *   Position of the value, or `undefined` when it is not there.
 */
export function locateValue(
  file: VFile,
  path: ReadonlyArray<number | string>
): Position | undefined {
  const state = getParsed(file)
  const found = state?.parsed?.locate(path as ReadonlyArray<Key>)
  if (!state?.block || !found || found.path.length !== path.length) return undefined
  return toPosition(
    file,
    state.block.valueStart + found.range[0],
    state.block.valueStart + found.range[1]
  )
}
