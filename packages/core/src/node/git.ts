import { execFile } from 'node:child_process'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** When git says a file was first and last changed. */
export interface GitDates {
  /** Author date of the first commit that has the file. */
  created: Date
  /** Author date of the last commit that changed it. */
  updated: Date
}

/** What `readGitDates` found. */
export interface GitHistory {
  /** Dates by path relative to `cwd` (`/` separators). */
  dates: Map<string, GitDates>
  /**
   * Why the dates cannot be trusted or read, if so: a shallow clone (every
   * file has its one commit's date), or no repository, or no `git`.
   */
  problem?: { reason: string; ruleId: 'git-shallow' | 'git-missing' } | undefined
}

/**
 * Read when each file under `folder` was first and last changed, from the
 * author dates of `git log`, in one call for the whole folder. With a
 * `cache` file, the dates are kept by the commit `HEAD` is at, and read
 * again only when it moves. Uncommitted files have no dates. A shallow
 * clone gives dates that are wrong (a `git-shallow` problem, and no dates);
 * a folder outside a repository, or no `git`, gives none (`git-missing`).
 *
 * @param cwd
 *   Folder paths are relative to (the site's).
 * @param folder
 *   Folder to read, relative to `cwd`.
 * @param cache
 *   File to keep the dates in (optional).
 * @returns
 *   Dates, and what went wrong.
 */
export async function readGitDates(
  cwd: string,
  folder: string,
  cache?: string | null | undefined
): Promise<GitHistory> {
  let head: string
  let shallow: boolean
  try {
    const { stdout } = await run('git', ['rev-parse', '--is-shallow-repository', 'HEAD'], { cwd })
    const [flag, sha] = stdout.trim().split('\n')
    shallow = flag === 'true'
    head = sha ?? ''
  } catch {
    return {
      dates: new Map(),
      problem: {
        reason:
          'Cannot read dates from git: the site is not in a git repository with a commit (or `git` is missing); commit the content, or turn `gitDates` off',
        ruleId: 'git-missing'
      }
    }
  }
  if (shallow) {
    return {
      dates: new Map(),
      problem: {
        reason:
          'Unexpected shallow clone: git knows only its last commits, so dates from git would be wrong; fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI), or turn `gitDates` off',
        ruleId: 'git-shallow'
      }
    }
  }
  const key = `${head}\u0000${folder}`
  if (cache) {
    const kept = await readFile(cache, 'utf8').then(
      (text) => JSON.parse(text) as { key: string; dates: Array<[string, number, number]> },
      () => undefined
    )
    if (kept?.key === key && Array.isArray(kept.dates)) return { dates: toDates(kept.dates) }
  }
  const { stdout } = await run(
    'git',
    ['log', '--format=%x1e%at', '--name-only', '--no-renames', '--relative', '-z', '--', folder],
    { cwd, maxBuffer: 1024 * 1024 * 1024 }
  )
  // Newest commit first: a file's first sighting is its last change.
  const found = new Map<string, [number, number]>()
  for (const record of stdout.split('\u001e')) {
    const [time, ...names] = record.split('\u0000')
    const seconds = Number(time)
    if (!time || !Number.isFinite(seconds)) continue
    for (const raw of names) {
      const name = raw.replace(/^\n/, '')
      if (name === '') continue
      const known = found.get(name)
      if (known) known[0] = seconds
      else found.set(name, [seconds, seconds])
    }
  }
  const rows = [...found].map(([name, [created, updated]]): [string, number, number] => [
    name.split(path.sep).join('/'),
    created,
    updated
  ])
  if (cache) await keep(cache, JSON.stringify({ key, dates: rows }))
  return { dates: toDates(rows) }
}

function toDates(rows: ReadonlyArray<[string, number, number]>): Map<string, GitDates> {
  return new Map(
    rows.map(([name, created, updated]) => [
      name,
      { created: new Date(created * 1000), updated: new Date(updated * 1000) }
    ])
  )
}

/** Write a cache file whole or not at all; a cache that cannot be written is none. */
async function keep(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true })
    const temporary = `${file}.${process.pid}.tmp`
    await writeFile(temporary, text)
    await rename(temporary, file)
  } catch {
    // The next load reads git again.
  }
}
