import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutputFile } from '../output.js'
import {
  checkOutDir,
  manifestFor,
  manifestName,
  OutDirError,
  type OutDirOptions,
  readManifest
} from './outdir.js'

/**
 * Write a whole site atomically: every file goes into a temporary folder
 * beside `outDir`, which replaces `outDir` only once all are written. If
 * anything fails, the previous `outDir` is left untouched and the temporary
 * folder is removed. Nothing is ever written outside `outDir` (and its
 * temporary sibling): a path that would leave it throws before any write.
 *
 * Nothing that is not Galley's is ever replaced: `checkOutDir` runs first
 * (the folder is not the site's folder or a source, and holds only files a
 * previous build wrote, unless `force`), and the site gets a manifest,
 * `.galley-manifest.json`, listing what was written, for the next build to
 * check against.
 *
 * @param outDir
 *   Output folder.
 * @param files
 *   Files, with paths relative to `outDir`.
 * @param options
 *   `root`, `sources` and `force`, as `checkOutDir` reads them (optional).
 */
export async function writeSite(
  outDir: string,
  files: ReadonlyArray<OutputFile>,
  options?: Readonly<OutDirOptions> | null
): Promise<void> {
  await checkOutDir(outDir, options)
  const target = path.resolve(outDir)
  const suffix = randomBytes(4).toString('hex')
  const temporary = `${target}.galley-tmp-${suffix}`
  // Every path is checked before anything is written; values are read one
  // at a time as they are written (pages are laid out then, see `lazyOutput`).
  const planned = files.map((file) => ({ to: inside(temporary, file.path), file }))
  const manifest = { path: manifestName, value: manifestFor(files.map((file) => file.path)) }
  planned.push({ to: inside(temporary, manifestName), file: manifest })

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
 * other files stay — and are never replaced: a file already there that an
 * earlier `writeInto` did not write (the other tool's own `sitemap.xml`)
 * throws before any write, unless `force`. What was written is added to
 * the folder's `.galley-manifest.json`.
 *
 * @param outDir
 *   Output folder.
 * @param files
 *   Files, with paths relative to `outDir`.
 * @param options
 *   `force` (optional).
 */
export async function writeInto(
  outDir: string,
  files: ReadonlyArray<OutputFile>,
  options?: Readonly<Pick<OutDirOptions, 'force'>> | null
): Promise<void> {
  const root = path.resolve(outDir)
  const planned = files.map((file) => ({ to: inside(root, file.path), file }))
  const listed = await readManifest(root)
  if (!options?.force) {
    const taken: string[] = []
    for (const { to, file } of planned) {
      const exists = await stat(to).then(
        () => true,
        () => false
      )
      if (exists && !listed.has(file.path)) taken.push(file.path)
    }
    if (taken.length > 0) {
      throw new OutDirError(
        `Refusing to replace ${taken.map((file) => `\`${file}\``).join(', ')} in \`${outDir}\`: another tool wrote ${taken.length === 1 ? 'it' : 'them'}; turn off one of the two, or change the path Galley writes (such as \`feed.path\`)`
      )
    }
  }
  for (const { to, file } of planned) {
    await mkdir(path.dirname(to), { recursive: true })
    await writeFile(to, file.value)
  }
  const all = new Set([...listed, ...files.map((file) => file.path)])
  await writeFile(path.join(root, manifestName), manifestFor([...all]))
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
