import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import {
  buildSite,
  checkOutDir,
  createContentCache,
  foldersOf,
  loadSite,
  manifestName,
  type OutDirOptions,
  outputsIntact,
  readSnapshot,
  resumeSite,
  type WriteSummary,
  writeSite,
  writeSnapshot
} from '@galley/core/node'
import { toJsonReport, toSarif } from '@galley/links'
import type { VFile } from 'vfile'
import { loadConfig } from '../config.js'
import type { Context } from '../io.js'
import { filesOf, inputsKey, memoOf, nextBoundary, readMemo, writeMemo } from '../memo.js'
import { workerPool } from '../pool.js'
import { progressBar, renderProgress } from '../progress.js'
import { somePlaces, textReport } from '../report.js'
import { codeStamp, dependencyStamp } from '../stamp.js'

/** Flags of `galley build` and `galley check`. */
export interface BuildFlags {
  config?: string | undefined
  out?: string | undefined
  drafts?: boolean | undefined
  frail?: boolean | undefined
  external?: boolean | undefined
  format?: string | undefined
  future?: boolean | undefined
  expired?: boolean | undefined
  /** Render every file again, ignoring `.cache/galley/render`. */
  fresh?: boolean | undefined
  /** Folder of Markdown, replacing the config's `contentDir`. */
  dir?: string | undefined
  /** Render threads, or `'auto'` (default: `'auto'`). */
  workers?: number | 'auto' | undefined
  /** Replace an output folder holding files Galley did not write. */
  force?: boolean | undefined
  /** List every message in the text report, grouping none. */
  verbose?: boolean | undefined
}

/**
 * `galley build` (with `write`) and `galley check` (without): process every
 * post, print every message through vfile-reporter, and write the site only
 * when nothing failed.
 *
 * @returns
 *   Exit code: `1` on any error (or, with `frail`, any warning), else `0`.
 */
export async function build(context: Context, flags: BuildFlags, write: boolean): Promise<number> {
  const { config, path: configPath } = await loadConfig(context.cwd, flags.config, flags.dir)
  const folders = foldersOf(config)
  const outDir = flags.out ?? folders.outDir
  const at = (folder: string) => path.resolve(context.cwd, folder)
  // Refused before any work: an output folder that would replace a source.
  const protect: OutDirOptions = {
    root: context.cwd,
    sources: configPath ? [configPath] : [],
    // Their walks leave the output folder out: it may be inside.
    containers: [at(folders.contentDir), at(folders.publicDir)],
    force: flags.force ?? config.emptyOutDir ?? false
  }
  // A folder a build wrote is looked through for others' files when the
  // write would touch it (`writeSite` does); one never built, now.
  const built = existsSync(path.join(at(outDir), manifestName))
  if (write) await checkOutDir(at(outDir), { ...protect, force: protect.force || built })
  const dependencies = await dependencyStamp(context.cwd)
  const cacheDir = path.join(context.cwd, '.cache', 'galley')
  // Files whose stats are as the last build saw them are known by their digest, not read.
  const loaded = await loadSite(config, {
    cwd: context.cwd,
    stats: flags.fresh ? undefined : path.join(cacheDir, 'content.bin'),
    outDir: at(outDir),
    gitCache: flags.fresh ? undefined : path.join(cacheDir, 'git.json')
  })
  const files = loaded.files
  const none = files.length === 0 ? `galley: no posts found in \`${folders.contentDir}\`\n` : ''
  // Kept apart per output folder: what each page was laid out from, and
  // what the last build read and reported.
  const name = path.relative(context.cwd, at(outDir)).replace(/[^\w.-]+/g, '_') || 'out'
  const records = path.join(cacheDir, 'outputs', `${name}.bin`)
  const memoFile = path.join(cacheDir, 'builds', `${name}.json`)
  const stamp = `${dependencies}\u0000${await codeStamp(context.cwd, configPath, [folders.contentDir, folders.publicDir, outDir])}`
  const now = config.now ?? context.now
  const settings = `${stamp}\u0000${JSON.stringify([flags.drafts, flags.future, flags.expired, flags.dir])}`
  const key = inputsKey(settings, config, loaded)
  // The same inputs, the same clock side of every date, the folder as
  // written: the same build. Its report is given again, and nothing done.
  const memo = write && !flags.fresh && !flags.external ? await readMemo(memoFile) : undefined
  if (
    memo?.key === key &&
    (memo.validUntil === null || now.getTime() < memo.validUntil) &&
    (await outputsIntact(at(outDir), records))
  ) {
    const stored = filesOf(memo, context.cwd)
    if (!reported(context, flags, stored, true, write, outDir, none)) return 1
    const summary =
      flags.format === 'json' || flags.format === 'sarif' ? context.stderr : context.stdout
    summary.write(
      `galley: ${describe({ written: 0, kept: memo.outputs, removed: 0 }, outDir)} (${memo.posts} posts)\n`
    )
    return 0
  }
  // Loaded here, after the config: the pipeline is the CLI's largest part.
  const { createGalley } = await import('@galley/core')
  const galley = createGalley({
    ...config,
    cache: flags.fresh
      ? undefined
      : createContentCache(path.join(cacheDir, 'render'), { salt: dependencies }),
    drafts: flags.drafts ?? config.drafts,
    now: config.now ?? context.now,
    future: flags.future ?? config.future,
    expired: flags.expired ?? config.expired
  })
  // The last build, kept as a snapshot under everything it read but the
  // content files: when those are as they were but a few, only those are
  // rendered (or taken from the render cache) and put in place.
  const snapshotFile = path.join(cacheDir, 'snapshots', `${name}.bin`)
  const snapshotKey = inputsKey(settings, config, { ...loaded, files: [] })
  const saved = flags.fresh ? undefined : readSnapshot(snapshotFile, snapshotKey)
  const resumed = saved && (await resumeSite(galley, saved, loaded, { most: resumeLimit }))
  // This build's id, kept with its records and its snapshot: the next
  // build resumed from it keeps pages that read nothing that changed,
  // when the records are this build's too.
  const id = randomBytes(8).toString('hex')
  const result =
    resumed ||
    (await buildSite(galley, loaded, {
      onProgress: renderProgress(context, files.length),
      pool: workerPool(
        { cwd: context.cwd, config: configPath, dir: flags.dir },
        flags.workers ?? 'auto'
      )
    }))
  // Taken before `--external` adds its messages, which no later build repeats.
  const snapshot = write && !flags.external ? galley.snapshot(result) : undefined
  // Only `--external` turns the network on; the config's `links.external` holds options.
  if (flags.external && config.links !== false) {
    const configured = config.links?.external
    // Loaded only here: the network checker (undici) is the CLI's largest part.
    const { checkExternalLinks } = await import('@galley/links/node')
    const report = await checkExternalLinks(
      [...result.pages, ...Object.values(result.entries).flat()].map((page) => page.file),
      {
        cache: path.join(context.cwd, '.cache', 'galley', 'links.json'),
        ...(configured && configured !== true ? configured : {}),
        onProgress: progressBar(context, 'checking links'),
        site: config.site
      }
    )
    for (const file of report.files) if (!result.files.includes(file)) result.files.push(file)
    if (report.files.some((file) => file.messages.some((message) => message.fatal))) {
      result.ok = false
    }
  }

  if (!reported(context, flags, result.files, result.ok, write, outDir, none)) return 1

  // With a machine-readable format, standard output holds only the report.
  const summary =
    flags.format === 'json' || flags.format === 'sarif' ? context.stderr : context.stdout
  if (write) {
    const done = await writeSite(at(outDir), result.outputs, {
      ...protect,
      records,
      fresh: flags.fresh,
      stamp,
      build: id,
      since: resumed ? saved?.build : undefined
    })
    if (!flags.external) {
      await writeMemo(memoFile, memoOf(key, nextBoundary(result.files, now), result))
    }
    if (snapshot) {
      try {
        writeSnapshot(snapshotFile, snapshotKey, snapshot, id)
      } catch {
        // Front matter a snapshot cannot hold (a schema that makes
        // functions): the next build builds in full; the old one is gone.
      }
    }
    summary.write(`galley: ${describe(done, outDir)} (${result.pages.length} posts)\n`)
  } else {
    summary.write(`galley: checked ${files.length} files\n`)
  }
  return 0
}

/**
 * Changed files a build resumed from a snapshot renders on this thread at
 * most; past it, a full build renders them in workers.
 */
const resumeLimit = 100

/**
 * Print the report of a build's files in the format asked for; when
 * anything fails (an error, or a warning with `frail`), say so and where,
 * and give `false`.
 */
function reported(
  context: Context,
  flags: BuildFlags,
  files: VFile[],
  ok: boolean,
  write: boolean,
  outDir: string,
  note = ''
): boolean {
  if (flags.format === 'json') {
    context.stdout.write(`${JSON.stringify(toJsonReport(files), null, 2)}\n`)
  } else if (flags.format === 'sarif') {
    context.stdout.write(`${JSON.stringify(toSarif(files), null, 2)}\n`)
  } else {
    const report = textReport(files, { color: context.color, verbose: flags.verbose })
    if (report) context.stderr.write(`${report}\n`)
  }
  const failing = files.flatMap((file) =>
    file.messages
      .filter((message) => message.fatal || (flags.frail && message.fatal === false))
      .map((message) => place(file, message.line, message.column))
  )
  context.stderr.write(note)
  if (ok && failing.length === 0) return true
  const what = write ? `not built; \`${outDir}\` was left as it was` : 'check failed'
  context.stderr.write(
    `galley: ${what}: fix ${failing.length === 1 ? 'the problem' : `the ${failing.length.toLocaleString('en')} problems`} at ${somePlaces(failing)}\n`
  )
  return false
}

/** What a write did, as the closing line says it. */
function describe(done: WriteSummary, outDir: string): string {
  const count = (n: number) => n.toLocaleString('en')
  const files = (n: number) => `${count(n)} file${n === 1 ? '' : 's'}`
  if (done.written === 0 && done.removed === 0) {
    return `\`${outDir}\` is up to date: ${files(done.kept)}`
  }
  const parts = [`wrote ${files(done.written)} to \`${outDir}\``]
  if (done.kept > 0) parts.push(`kept ${count(done.kept)}`)
  if (done.removed > 0) parts.push(`removed ${count(done.removed)}`)
  return parts.join(', ')
}

function place(file: VFile, line: number | undefined, column: number | undefined): string {
  return `${file.path}:${line ?? 1}:${column ?? 1}`
}
