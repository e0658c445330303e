import path from 'node:path'

/**
 * `path.join(folder, relative)` without normalizing again, for a folder
 * that is already resolved and a relative path made of plain names (no
 * `.`, `..` or empty parts, as a checked output path is): a build joins
 * tens of thousands of these.
 */
export function joinPlain(folder: string, relative: string): string {
  return folder.endsWith(path.sep) ? folder + relative : folder + path.sep + relative
}
