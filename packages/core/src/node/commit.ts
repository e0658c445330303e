import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import { folderGuard } from './folder-guard.js'
import { isInnerStaged, stagedName } from './staged-names.js'

/**
 * How a staged build becomes the output folder.
 *
 * - `swap`: the staged folder holds the whole new site (unchanged files
 *   hard-linked); the old folder is moved aside, the staged one moved in,
 *   the old one removed. Killed between the two renames, the old site
 *   waits beside the output folder.
 * - `in-place`: the staged folder holds only changed files; a journal
 *   naming them and the files to remove is written (the moment the build
 *   commits), then each file is renamed over its old self. Killed after the
 *   journal is written, the next `recoverOutDir` finishes the journal.
 *
 * Either costs what changed, not the size of the site, except `swap`,
 * which links every unchanged file: it is used when most files change.
 */
export type CommitMode = 'in-place' | 'swap'

/** What an in-place commit does, kept in the staged folder until it is done. */
interface Journal {
  /** Files to move from the staged folder into the output folder. */
  moved: string[]
  /** Files of the output folder to remove. */
  removed: string[]
}

const journalName = '.galley-journal.json'

/**
 * Replace `target` with the whole site staged in `staged`.
 */
export function swap(target: string, staged: string, suffix: string): void {
  const old = stagedName(target, 'old', suffix)
  const had = existsSync(target)
  if (had) renameSync(target, old)
  try {
    renameSync(staged, target)
  } catch (error) {
    if (had) renameSync(old, target)
    throw error
  }
  if (had) rmSync(old, { recursive: true, force: true })
}

/**
 * Move the changed files staged in `staged` into `target` and remove the
 * files of `removed`: the journal is written first, so a kill at any later
 * moment is finished by `recoverOutDir`.
 */
export function commitInPlace(
  target: string,
  staged: string,
  moved: ReadonlyArray<string>,
  removed: ReadonlyArray<string>
): void {
  const journal: Journal = { moved: [...moved], removed: [...removed] }
  const file = path.join(staged, journalName)
  writeFileSync(`${file}.tmp`, JSON.stringify(journal))
  renameSync(`${file}.tmp`, file)
  apply(target, staged, journal)
}

/** Carry out a journal (again, after a kill: each step is skipped once done). */
function apply(target: string, staged: string, journal: Journal): void {
  const made = new Set<string>()
  // A folder swapped for a link since the build looked is refused, not moved through.
  const guard = folderGuard(target)
  for (const where of journal.moved) {
    const from = path.join(staged, where)
    if (!existsSync(from)) continue
    const to = path.join(target, where)
    const folder = path.dirname(to)
    if (!made.has(folder)) {
      guard(folder)
      made.add(folder)
    }
    renameSync(from, to)
  }
  for (const where of journal.removed) {
    const file = path.join(target, where)
    // Files only: a manifest that names a folder (edited by hand) removes nothing.
    if (lstatSync(file, { throwIfNoEntry: false })?.isDirectory() === false) rmSync(file)
    pruneEmpty(target, path.dirname(file))
  }
  rmSync(staged, { recursive: true, force: true })
}

/** Remove `folder` and its parents up to `root` while they are empty. */
function pruneEmpty(root: string, folder: string): void {
  let current = folder
  while (current.startsWith(root + path.sep)) {
    try {
      rmdirSync(current)
    } catch {
      return
    }
    current = path.dirname(current)
  }
}

/**
 * Finish or undo what a killed build left beside `outDir`: a staged
 * folder whose journal was written is carried out (the new site); one
 * without is removed (the old site stays); when `outDir` is missing and the
 * old site waits beside it (killed inside a swap), it is put back. Every
 * `writeSite` does this first; call it before serving a folder a build may
 * have been killed in.
 *
 * @param outDir
 *   Output folder.
 */
export async function recoverOutDir(outDir: string): Promise<void> {
  recoverOutDirSync(outDir)
}

/**
 * `recoverOutDir`, done before it returns: for a signal handler, where a
 * build stopped at an `await` must be finished or undone before the
 * process exits. Every step of a build's commit is synchronous, so a
 * handler never sees one half done.
 *
 * @param outDir
 *   Output folder.
 */
export function recoverOutDirSync(outDir: string): void {
  const target = path.resolve(outDir)
  const parent = path.dirname(target)
  const base = path.basename(target)
  let entries: string[]
  try {
    entries = readdirSync(parent)
  } catch {
    return
  }
  const left = entries.filter(
    (name) =>
      name.startsWith(base) && /^\.galley-(tmp|old)-[0-9a-f]{8}$/.test(name.slice(base.length))
  )
  for (const name of left.filter((entry) => entry.includes('.galley-tmp-'))) {
    const staged = path.join(parent, name)
    const journal = readJournal(path.join(staged, journalName))
    if (journal && existsSync(target)) apply(target, staged, journal)
    else rmSync(staged, { recursive: true, force: true })
  }
  for (const name of left.filter((entry) => entry.includes('.galley-old-'))) {
    const old = path.join(parent, name)
    if (!existsSync(target)) renameSync(old, target)
    else rmSync(old, { recursive: true, force: true })
  }
  // Staged inside the folder (a mount point): finished or removed the same way.
  let inside: string[] = []
  try {
    inside = readdirSync(target).filter(isInnerStaged)
  } catch {
    return
  }
  for (const name of inside) {
    const staged = path.join(target, name)
    const journal = readJournal(path.join(staged, journalName))
    if (journal) apply(target, staged, journal)
    else rmSync(staged, { recursive: true, force: true })
  }
}

/** A journal left by a killed build; only paths that stay inside their folder count. */
function readJournal(file: string): Journal | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Journal>
    if (!Array.isArray(value.moved) || !Array.isArray(value.removed)) return undefined
    const strings = (list: unknown[]) =>
      list.filter(
        (item): item is string =>
          typeof item === 'string' &&
          !path.isAbsolute(item) &&
          !path.normalize(item).split(path.sep).includes('..')
      )
    return { moved: strings(value.moved), removed: strings(value.removed) }
  } catch {
    return undefined
  }
}
