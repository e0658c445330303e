import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
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
  recoverOutDir,
  recoverOutDirSync,
  resumeSite,
  type WriteSummary,
  writeSite,
  writeSnapshot
} from '@galley/core/node'
import { toJsonReport, toSarif } from '@galley/links'
import type { VFile } from 'vfile'
import { loadConfig } from '../config.js'
import { diskFault } from '../disk.js'
import { exitOnSignal } from '../interrupt.js'
import type { Context } from '../io.js'
import { filesOf, inputsKey, memoOf, nextBoundary, readMemo, writeMemo } from '../memo.js'
import { renderTimeoutMs, workerPool } from '../pool.js'
import { progressBar, renderProgress } from '../progress.js'
import { count, plural, somePlaces, textReport, wrap } from '../report.js'
import { codeStamp, dependencyStamp } from '../stamp.js'
import { builtLine, elapsed } from '../summary.js'
import { themeAssets } from '../theme.js'

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
  /** Seconds one file may take to render in a worker (default: 60). */
  renderTimeout?: number | undefined
  /** Replace an output folder holding files Galley did not write. */
  force?: boolean | undefined
  /** List every message in the text report, grouping none. */
  verbose?: boolean | undefined
}

/**
 * `galley build` (with `write`) and `galley check` (without): process every
 * post, print every message (`textReport`), and write the site only
 * when nothing failed.
 *
 * @returns
 *   Exit code: `1` on any error (or, with `frail`, any warning), else `0`.
 */
export async function build(context: Context, flags: BuildFlags, write: boolean): Promise<number> {
  const started = performance.now()
  const loaded = await loadConfig(context.cwd, flags.config, flags.dir)
  const outDir = flags.out ?? foldersOf(loaded.config).outDir
  if (!write) return await run(context, flags, false, started, loaded)
  const at = path.resolve(context.cwd, outDir)
  // What a build killed earlier left beside the folder goes first, built or not.
  await recoverOutDir(at)
  // Stopped between two steps, the build's staged folder goes too: the
  // folder holds the last complete site.
  const release = exitOnSignal(context, () => {
    recoverOutDirSync(at)
    return `\`${outDir}\` holds the last complete build`
  })
  try {
    return await run(context, flags, true, started, loaded)
  } finally {
    release()
  }
}

/** The build itself, from the config on. */
async function run(
  context: Context,
  flags: BuildFlags,
  write: boolean,
  started: number,
  { config, path: configPath }: Awaited<ReturnType<typeof loadConfig>>
): Promise<number> {
  const folders = foldersOf(config)
  const outDir = flags.out ?? folders.outDir
  // A typo in a folder name is an error, not an empty site.
  const missing = await missingContent(path.resolve(context.cwd, folders.contentDir))
  if (missing) {
    context.stderr.write(
      `galley: ${missing} \`${folders.contentDir}\` (${path.resolve(context.cwd, folders.contentDir)}); ${
        flags.dir === undefined
          ? 'write a post there (`galley new post "Title"`), set `contentDir` in the config, or name the folder: `galley build <folder>`'
          : 'check the folder name'
      }\n`
    )
    return 1
  }
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
    gitCache: flags.fresh ? undefined : path.join(cacheDir, 'git.json'),
    imageCache: flags.fresh ? undefined : path.join(cacheDir, 'images')
  })
  for (const asset of await themeAssets(config)) loaded.assets.push(asset)
  const files = loaded.files
  if (files.length === 0) {
    context.stderr.write(
      `galley: no Markdown files (\`.md\`, \`.markdown\`) in \`${folders.contentDir}\`; write a post there (\`galley new post "Title"\`), or name the folder that has them\n`
    )
    return 1
  }
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
    if (!reported(context, flags, stored, true, write, outDir)) return 1
    const summary =
      flags.format === 'json' || flags.format === 'sarif' ? context.stderr : context.stdout
    summary.write(
      `galley: ${describe({ written: 0, kept: memo.outputs, removed: 0 }, outDir)} (${plural(memo.posts, 'post')}), in ${elapsed(started)}\n`
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
      // On this thread too (`--workers 1`, few files): a render that waits forever is left behind.
      renderTimeout:
        flags.renderTimeout === undefined ? renderTimeoutMs : flags.renderTimeout * 1000,
      pool: workerPool(
        { cwd: context.cwd, config: configPath, dir: flags.dir },
        flags.workers ?? 'auto',
        flags.renderTimeout === undefined ? undefined : flags.renderTimeout * 1000
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

  if (!reported(context, flags, result.files, result.ok, write, outDir)) return 1

  // With a machine-readable format, standard output holds only the report.
  const summary =
    flags.format === 'json' || flags.format === 'sarif' ? context.stderr : context.stdout
  if (write) {
    let done: WriteSummary
    try {
      done = await writeSite(at(outDir), result.outputs, {
        ...protect,
        records,
        fresh: flags.fresh,
        stamp,
        build: id,
        since: resumed ? saved?.build : undefined
      })
    } catch (error) {
      const fault = diskFault(error, outDir, context.cwd)
      if (!fault) throw error
      context.stderr.write(`${wrap(fault, context.columns, '  ').join('\n')}\n`)
      return 1
    }
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
    summary.write(
      `galley: ${builtLine(result, started, loaded.images?.stats)}; ${describe(done, outDir)}\n`
    )
  } else {
    summary.write(`galley: checked ${plural(files.length, 'file')} in ${elapsed(started)}\n`)
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
  outDir: string
): boolean {
  if (flags.format === 'json') {
    context.stdout.write(`${JSON.stringify(toJsonReport(files), null, 2)}\n`)
  } else if (flags.format === 'sarif') {
    context.stdout.write(`${JSON.stringify(toSarif(files), null, 2)}\n`)
  } else {
    const report = textReport(files, {
      color: context.color,
      verbose: flags.verbose,
      width: context.columns
    })
    if (report) context.stderr.write(`${report}\n`)
  }
  const failing = files.flatMap((file) =>
    file.messages.filter((message) => message.fatal || (flags.frail && message.fatal === false))
  )
  if (ok && failing.length === 0) return true
  // Each place once, however many problems it has.
  const places = [
    ...new Set(
      files.flatMap((file) =>
        file.messages
          .filter((message) => failing.includes(message))
          .map((message) => place(file, message.line, message.column))
      )
    )
  ]
  const what = write ? `not built; \`${outDir}\` was left as it was` : 'check failed'
  const problems = failing.length === 1 ? 'the problem' : `the ${plural(failing.length, 'problem')}`
  context.stderr.write(
    `${wrap(`galley: ${what}: fix ${problems} at ${somePlaces(places)}`, context.columns, '  ').join('\n')}\n`
  )
  return false
}

/**
 * Why a content folder cannot be built from (it is missing, or a file),
 * or `undefined` when it is a folder.
 */
async function missingContent(folder: string): Promise<string | undefined> {
  try {
    return (await stat(folder)).isDirectory() ? undefined : 'expected a folder at'
  } catch {
    return 'cannot find the content folder'
  }
}

/** What a write did, as the closing line says it. */
function describe(done: WriteSummary, outDir: string): string {
  const files = (n: number) => plural(n, 'file')
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
