import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const lockfiles = [
  'pnpm-lock.yaml',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'bun.lock'
]

/**
 * A hash of the dependencies a site builds with: the lockfiles of the
 * nearest folder at or above `cwd` that has one (a monorepo keeps it at its
 * root), and the command's own files (`commandStamp`). Renders are cached
 * under it, so upgrading any package, or building Galley anew in its own
 * workspace (where the lockfile stays the same), renders everything again.
 *
 * @param cwd
 *   Folder of the site.
 * @returns
 *   Hex digest, or `''`.
 */
export async function dependencyStamp(cwd: string): Promise<string> {
  let dir = path.resolve(cwd)
  for (;;) {
    const found = await Promise.all(
      lockfiles.map((name) => readFile(path.join(dir, name)).catch(() => undefined))
    )
    if (found.some((value) => value !== undefined)) {
      const hash = createHash('sha256')
        .update(await commandStamp())
        .update('\u0000')
      for (const [index, value] of found.entries()) {
        if (value) hash.update(`${lockfiles[index]}\u0000`).update(value)
      }
      return hash.digest('hex')
    }
    const parent = path.dirname(dir)
    if (parent === dir) return commandStamp()
    dir = parent
  }
}

let own: Promise<string> | undefined

/**
 * In Galley's own workspace (where `src/` is beside the built command: the
 * package ships none), a hash of the command's files (`folderStamp`, read
 * once a process), since a build there changes them while the version and
 * the lockfile stay; an installed command is known by the lockfile, and
 * hashing its 3 MB would slow every build that has nothing to do.
 *
 * @returns
 *   Hex digest, or `''` for an installed command.
 */
export function commandStamp(): Promise<string> {
  if (!own) {
    const folder = path.dirname(fileURLToPath(import.meta.url))
    own = existsSync(path.join(folder, '..', 'src', 'main.ts'))
      ? folderStamp(folder)
      : Promise.resolve('')
  }
  return own
}

/**
 * A hash of the name and content of each file in a folder (not below it).
 *
 * @param folder
 *   Folder.
 * @returns
 *   Hex digest.
 */
export async function folderStamp(folder: string): Promise<string> {
  const hash = createHash('sha256')
  for (const name of (await readdir(folder)).sort()) {
    const file = path.join(folder, name)
    const found = await stat(file).catch(() => undefined)
    if (!found?.isFile()) continue
    hash.update(`${name}\u0000${found.size}\u0000`).update(await readFile(file))
  }
  return hash.digest('hex')
}

const code = /\.(?:[cm]?[jt]s|[jt]sx)$/

/** Whether a file name is site code (a config, layouts, a schema): what `codeStamp` reads and `galley dev` reloads on. */
export function isSiteCode(name: string): boolean {
  return code.test(name)
}

/**
 * A hash of the code a site's layouts may run: the config file and every
 * script file in the site's folder (and below it, outside `node_modules`,
 * hidden folders and the folders in `skip`, such as the content and output
 * folders). A config's layouts import helpers that their own source text
 * does not show, so an edit to any of these files lays every page out
 * again; packages count through `dependencyStamp`.
 *
 * @param cwd
 *   Folder of the site.
 * @param configPath
 *   The config file, if any (it may live elsewhere).
 * @param skip
 *   Folders not to read.
 * @returns
 *   Hex digest.
 */
export async function codeStamp(
  cwd: string,
  configPath: string | undefined,
  skip: ReadonlyArray<string>
): Promise<string> {
  const root = path.resolve(cwd)
  const skipped = new Set(skip.map((folder) => path.resolve(root, folder)))
  const found: string[] = configPath ? [path.resolve(configPath)] : []
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.') || skipped.has(full))
          continue
        await walk(full)
      } else if (entry.isFile() && code.test(entry.name)) found.push(full)
    }
  }
  await walk(root)
  const hash = createHash('sha256')
  for (const file of [...new Set(found)].sort()) {
    const text = await readFile(file).catch(() => undefined)
    if (text) hash.update(`${path.relative(root, file)}\u0000`).update(text)
  }
  return hash.digest('hex')
}
