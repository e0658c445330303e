import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutputFile } from '../output.js'

/**
 * Write a whole site atomically: every file goes into a temporary folder
 * beside `outDir`, which replaces `outDir` only once all are written. If
 * anything fails, the previous `outDir` is left untouched and the temporary
 * folder is removed. Nothing is ever written outside `outDir` (and its
 * temporary sibling): a path that would leave it throws before any write.
 *
 * @param outDir
 *   Output folder.
 * @param files
 *   Files, with paths relative to `outDir`.
 */
export async function writeSite(outDir: string, files: ReadonlyArray<OutputFile>): Promise<void> {
  const target = path.resolve(outDir)
  const suffix = randomBytes(4).toString('hex')
  const temporary = `${target}.galley-tmp-${suffix}`
  // Every path is checked before anything is written; values are read one
  // at a time as they are written (pages are laid out then, see `lazyOutput`).
  const planned = files.map((file) => ({ to: inside(temporary, file.path), file }))

  const old = `${target}.galley-old-${suffix}`
  let moved = false

  try {
    await mkdir(temporary, { recursive: true })
    await writeAll(planned)
    const exists = await stat(target).then(
      () => true,
      () => false
    )
    if (exists) {
      await rename(target, old)
      moved = true
    }
    await rename(temporary, target)
    moved = false
    if (exists) await rm(old, { recursive: true, force: true })
  } catch (error) {
    // Put the previous site back if it was moved aside, then drop the partial one.
    if (moved) await rename(old, target)
    await rm(temporary, { recursive: true, force: true })
    throw error
  }
}

/**
 * Add files to a folder another tool wrote (feeds next to Eleventy's or
 * Astro's pages): every path is checked before anything is written, and one
 * that resolves outside `outDir` throws. Unlike `writeSite`, the folder's
 * other files stay.
 *
 * @param outDir
 *   Output folder.
 * @param files
 *   Files, with paths relative to `outDir`.
 */
export async function writeInto(outDir: string, files: ReadonlyArray<OutputFile>): Promise<void> {
  const root = path.resolve(outDir)
  const planned = files.map((file) => ({ to: inside(root, file.path), file }))
  for (const { to, file } of planned) {
    await mkdir(path.dirname(to), { recursive: true })
    await writeFile(to, file.value)
  }
}

/**
 * Write files a few at a time: the disk stays busy, and only as many
 * laid-out pages as there are writes in flight are in memory. Every write
 * settles before a failure is thrown, so none lands after the caller cleans
 * up.
 */
async function writeAll(planned: ReadonlyArray<{ to: string; file: OutputFile }>): Promise<void> {
  const made = new Map<string, Promise<unknown>>()
  let next = 0
  let failed = false
  const worker = async () => {
    while (next < planned.length && !failed) {
      const { to, file } = planned[next++] as (typeof planned)[number]
      // Laid out here, in the order of `files`.
      const value = file.value
      const folder = path.dirname(to)
      let ready = made.get(folder)
      if (!ready) {
        ready = mkdir(folder, { recursive: true })
        made.set(folder, ready)
      }
      await ready
      await writeFile(to, value)
    }
  }
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, planned.length) }, () =>
      worker().catch((error: unknown) => {
        failed = true
        throw error
      })
    )
  )
  const rejected = settled.find((result) => result.status === 'rejected')
  if (rejected) throw rejected.reason
}

/** How many files `writeSite` writes at once. */
const concurrency = 16

function inside(root: string, relative: string): string {
  const resolved = path.resolve(root, relative)
  if (path.isAbsolute(relative) || !resolved.startsWith(root + path.sep)) {
    throw new Error(
      `Refusing to write \`${relative}\`: it resolves outside the output folder; check the permalink`
    )
  }
  return resolved
}
