import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import type { CodeBlock } from './readme.js'

/** What a new project holds before a guide is followed in it. */
export interface ProjectOptions {
  /** A folder to start from: a replica of a tool's starter (its `README.md` is left out). */
  starter?: string
  /** Packages to install: name → the folder that stands in for the registry's. */
  packages: Record<string, string>
  /** Code blocks to write to the files they are. */
  blocks?: ReadonlyArray<CodeBlock>
}

/**
 * Make a project in a new temporary folder: the starter's files, the
 * packages linked into `node_modules` (so each resolves its own
 * dependencies, as pnpm lays them out), and the blocks written.
 *
 * @returns
 *   The project's folder.
 */
export async function makeProject(options: ProjectOptions): Promise<string> {
  const project = await mkdtemp(path.join(tmpdir(), 'galley-project-'))
  if (options.starter) {
    await cp(options.starter, project, { recursive: true })
    await rm(path.join(project, 'README.md'), { force: true })
  }
  for (const [name, from] of Object.entries(options.packages)) {
    const link = path.join(project, 'node_modules', name)
    await mkdir(path.dirname(link), { recursive: true })
    await symlink(await realpath(from), link, 'dir')
  }
  for (const block of options.blocks ?? []) {
    if (!block.file) continue
    const file = path.join(project, block.file)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, block.code)
  }
  return project
}

/** Exit code of a command and what it printed (stdout, then stderr), without colour. */
export interface Ran {
  code: number
  printed: string
}

/**
 * Run a Node.js program as a person would in a terminal without colour.
 *
 * @param args
 *   The script and its arguments.
 * @param cwd
 *   Where to run it.
 * @param env
 *   Variables to add (`NO_COLOR` and `FORCE_COLOR=0` are always set).
 */
export function runNode(
  args: string[],
  cwd: string,
  env: Record<string, string> = {}
): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env } },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          printed: stripVTControlCharacters(`${stdout}${stderr}`)
        })
    )
  })
}
