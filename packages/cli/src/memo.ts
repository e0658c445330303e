import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { GalleyConfig, StoredMessage } from '@galley/core'
import {
  fallbacksKey,
  type LoadedSite,
  loadedDigest,
  restoreMessages,
  storeMessages
} from '@galley/core/node'
import { VFile } from 'vfile'

/**
 * What the last successful `galley build` into a folder was made from, and
 * what it reported: when the next build's inputs are the same (and the
 * clock has not reached a date that publishes or expires a post, and the
 * folder is as written), it is the same build, and only its report is
 * given again.
 */
export interface BuildMemo {
  /** Hash of every input: see `inputsKey`. */
  key: string
  /** The first moment (ms) a publishing rule may change its mind, if any. */
  validUntil: number | null
  /** Posts published. */
  posts: number
  /** Files written, in all. */
  outputs: number
  /** Files with messages, and their messages. */
  files: Array<{ path: string; messages: StoredMessage[] }>
}

/**
 * A hash of everything a build reads: the code (`stamp`), the resolved
 * configuration (its values, such as a `site` taken from the environment,
 * and its functions' source), the flags, and every content, data,
 * public and page-bundle file's path and bytes.
 */
export function inputsKey(
  stamp: string,
  config: Readonly<GalleyConfig>,
  loaded: Readonly<LoadedSite>
): string {
  const hash = createHash('sha256').update(stamp).update('\u0000')
  hash.update(
    JSON.stringify(config, (_key, value: unknown) =>
      typeof value === 'function'
        ? `fn:${String(value)}`
        : value instanceof RegExp || value instanceof URL
          ? String(value)
          : value
    ) ?? ''
  )
  // One text for all files: one `update` instead of three per file.
  const parts: string[] = []
  for (const file of [...loaded.files, ...loaded.dataFiles]) {
    // The loader's digest while the text is the one it read: no second pass over it.
    const known = loadedDigest(file)
    parts.push(
      `\u0000${file.path}\u0000`,
      known === undefined ? String(file.value ?? '') : `\u0001${known}`,
      // With git's dates (`gitDates`): a new commit is a new input.
      fallbacksKey(file),
      `\u0000${file.messages.length}`
    )
  }
  hash.update(parts.join(''))
  for (const asset of loaded.assets) hash.update(`\u0000${asset.path}\u0000`).update(asset.value)
  for (const file of loaded.bundles) {
    hash.update(`\u0001${file.owner}\u0000${file.path}\u0000`).update(file.value)
  }
  for (const file of loaded.contentFiles ?? []) {
    hash.update(`\u0002${file.path}\u0000`).update(file.value)
  }
  return hash.digest('hex')
}

/**
 * The first moment after `now` at which a date of an entry (`date`,
 * `publishDate`, `expiryDate`) is reached, when publishing rules may
 * publish or drop it; `null` when there is none.
 */
export function nextBoundary(files: ReadonlyArray<VFile>, now: Date): number | null {
  let next: number | null = null
  for (const file of files) {
    const data = file.data.galleyFrontmatter as Record<string, unknown> | undefined
    if (!data) continue
    for (const key of ['date', 'publishDate', 'expiryDate']) {
      // own-key: fixed names, read from validated data.
      const value = Object.hasOwn(data, key) ? data[key] : undefined
      if (!(value instanceof Date)) continue
      const time = value.getTime()
      if (time > now.getTime() && (next === null || time < next)) next = time
    }
  }
  return next
}

/** The memo of a build: what it reported, for the next one to repeat. */
export function memoOf(
  key: string,
  validUntil: number | null,
  result: { files: VFile[]; pages: unknown[]; outputs: unknown[] }
): BuildMemo {
  return {
    key,
    validUntil,
    posts: result.pages.length,
    outputs: result.outputs.length,
    files: result.files
      .filter((file) => file.messages.length > 0)
      .map((file) => ({ path: file.path, messages: storeMessages(file) }))
  }
}

/** The files of a memo, with their messages, for the reporters. */
export function filesOf(memo: BuildMemo, cwd: string): VFile[] {
  return memo.files.map((stored) => {
    const file = new VFile({ cwd, path: stored.path })
    restoreMessages(file, stored.messages)
    return file
  })
}

/** The memo kept in `file`, if any (a damaged one is none). */
export async function readMemo(file: string): Promise<BuildMemo | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as BuildMemo
    return typeof value.key === 'string' && Array.isArray(value.files) ? value : undefined
  } catch {
    return undefined
  }
}

/** Keep a memo (written whole, then renamed into place). */
export async function writeMemo(file: string, memo: BuildMemo): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(memo))
  await rename(temporary, file)
}
