import { createServer, type ServerResponse } from 'node:http'
import path from 'node:path'
import {
  type CachedRender,
  type ContentCache,
  createGalley,
  foldersOf,
  type Made,
  type OutputFile
} from '@galley/core'
import { createContentCache, createLiveSite, type LiveSite } from '@galley/core/node'
import { watch } from 'chokidar'
import { loadConfig } from '../config.js'
import { acceptRequest } from '../http.js'
import type { Context } from '../io.js'
import { workerPool } from '../pool.js'
import { renderProgress } from '../progress.js'
import { textReport } from '../report.js'
import { listen, untilStopped } from '../serve.js'
import { dependencyStamp, isSiteCode } from '../stamp.js'
import { contentType } from '../types.js'

/** Flags of `galley dev`. */
export interface DevFlags {
  config?: string | undefined
  port?: number | undefined
  host?: string | undefined
  dir?: string | undefined
}

const events = '/__galley/events'
const client = `<script type="module">new EventSource(${JSON.stringify(events)}).addEventListener('reload', () => location.reload())</script>`

/**
 * `galley dev`: build in memory (drafts and scheduled posts included), serve,
 * watch content, `public/` and the site's code, rebuild on change and reload
 * the browser. A saved post whose edit keeps the site's shape is read and
 * rendered alone and put in place (`createLiveSite`); pages are laid out
 * when they are asked for. While a build has errors, the last good pages
 * are served with the errors shown on top, as in the terminal.
 *
 * @returns
 *   Exit code.
 */
export async function dev(context: Context, flags: DevFlags): Promise<number> {
  let site = new Map<string, OutputFile>()
  let serve = servedOutputs()
  let problems = ''
  const listeners = new Set<ServerResponse>()
  // Renders are kept in memory, over the render cache `galley build` keeps
  // on disk: a site built before starts without rendering, and a rebuild
  // renders only the posts that changed.
  const renders = new Map<string, CachedRender>()
  const disk = createContentCache(path.join(context.cwd, '.cache', 'galley', 'render'), {
    salt: await dependencyStamp(context.cwd)
  })
  const cache: ContentCache = {
    get: (key) => renders.get(key) ?? disk.get(key),
    set(key, value) {
      renders.set(key, value)
      // Not waited for: a save is served from memory. A write that fails
      // (atomic: a temporary file, renamed) only means a render next time.
      Promise.resolve(disk.set(key, value)).catch(() => undefined)
    }
  }

  let live: LiveSite<unknown> | undefined
  let folders = foldersOf(undefined)
  const configure = async () => {
    const { config: loaded, path: configPath } = await loadConfig(
      context.cwd,
      flags.config,
      flags.dir
    )
    const galley = createGalley({ ...loaded, cache, drafts: true, future: true, now: context.now })
    // A full build renders in workers, as `galley build` does.
    const pool = workerPool({ cwd: context.cwd, config: configPath, dir: flags.dir }, 'auto')
    // Progress while the first build renders (a big site never built before takes a while).
    let progress: ReturnType<typeof renderProgress> | null | undefined = started ? null : undefined
    const onProgress = (state: { done: number; total: number }) => {
      if (progress === undefined) progress = renderProgress(context, state.total) ?? null
      progress?.(state)
    }
    live = createLiveSite(galley as never, loaded, {
      cwd: context.cwd,
      build: { pool, onProgress }
    })
    // The watcher watches the whole site folder, so moved folders are seen too.
    folders = foldersOf(loaded)
    // Pages laid out by the old code are not served again: a trace knows
    // what a layout read, not the layout itself.
    serve = servedOutputs()
  }

  let started = false
  const rebuild = async () => {
    if (!live) return
    const { result, full } = await live.build()
    started = true
    const report = textReport(result.files, { color: false })
    if (report) context.stderr.write(`${report}\n`)
    problems = result.ok ? '' : report
    // Pages are laid out when asked for, not on every rebuild.
    if (result.ok || site.size === 0)
      site = new Map(result.outputs.map((file) => [file.path, file]))
    const how = full ? '' : ', changed posts only'
    context.stdout.write(
      `galley: ${result.ok ? 'built' : 'build failed'} (${result.pages.length} posts${how})\n`
    )
    for (const listener of listeners) listener.write('event: reload\ndata: now\n\n')
  }

  await configure()
  // Rebuild once for a burst of changes (editors write files in several steps).
  let timer: NodeJS.Timeout | undefined
  let running = Promise.resolve()
  let reconfigure = false
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(async () => {
        try {
          if (reconfigure) {
            reconfigure = false
            await configure()
          }
          await rebuild()
        } catch (error) {
          context.stderr.write(`galley: ${(error as Error).message}\n`)
        }
      })
    }, 20)
  }
  // One watcher per folder (not one per file, as Node 20's recursive
  // `fs.watch` has on Linux), which also sees editors that save by renaming.
  const root = path.resolve(context.cwd)
  const inside = (folder: string, file: string) => {
    const relative = path.relative(path.resolve(root, folder), file)
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
  }
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (file) => {
      if (file === root) return false
      const name = path.basename(file)
      return name === 'node_modules' || name.startsWith('.') || inside(folders.outDir, file)
    }
  })
  watcher.on('all', (_event, file) => {
    if (inside(folders.contentDir, file) || inside(folders.publicDir, file)) {
      live?.changed([file])
    } else if (isSiteCode(path.basename(file))) {
      // The config, or code it imports (layouts, a schema).
      reconfigure = true
    } else return
    schedule()
  })
  // Watching before the first build: a save made while it runs is built next.
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  try {
    await rebuild()
  } catch (error) {
    await watcher.close()
    throw error
  }

  const host = flags.host ?? 'localhost'
  const server = createServer((request, response) => {
    const pathname = acceptRequest(request, response, host)
    if (pathname === undefined) return
    if (pathname === events) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      response.write(': connected\n\n')
      listeners.add(response)
      request.on('close', () => listeners.delete(response))
      return
    }
    const found = lookup(site, pathname)
    const status = found ? 200 : 404
    const missing = site.get('404.html')
    const [file, value] = found
      ? [found[0], serve(found[1])]
      : ['404.html', missing ? serve(missing) : 'Not found']
    const type = contentType(file)
    let body = value
    if (type.startsWith('text/html')) body = inject(String(value), problems)
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
    response.end(body)
  })

  const origin = await listen(server, flags)
  context.stdout.write(`galley: dev server at ${origin}/ (Ctrl+C to stop)\n`)

  await untilStopped(context, server, () => {
    clearTimeout(timer)
    void watcher.close()
    for (const listener of listeners) listener.end()
  })
  await running
  return 0
}

/**
 * The value of an output, laid out on the first request and kept: a page
 * laid out in an earlier build is served again as it was while everything
 * its layout read is unchanged (its trace), so an edit lays out only the
 * pages that read what changed, and only when they are asked for.
 */
function servedOutputs(): (file: OutputFile) => string | Uint8Array {
  const laidOut = new Map<string, { value: string | Uint8Array; made: Made | undefined }>()
  return (file) => {
    const before = laidOut.get(file.path)
    if (before?.made && file.trace?.fingerprint(before.made.reads) === before.made.fingerprint) {
      return before.value
    }
    const value = file.value
    laidOut.set(file.path, { value, made: file.trace?.made })
    return value
  }
}

function lookup(site: Map<string, OutputFile>, pathname: string): [string, OutputFile] | undefined {
  const clean = pathname.replace(/^\/+/, '')
  for (const candidate of [
    clean,
    `${clean}/index.html`.replace(/^\//, ''),
    `${clean}index.html`,
    `${clean}.html`
  ]) {
    const value = site.get(candidate)
    if (value !== undefined && candidate !== '') return [candidate, value]
  }
  return undefined
}

/** The live-reload client, and the build's errors shown on top of the page. */
function inject(html: string, problems: string): string {
  const overlay = problems
    ? `<pre id="galley-errors" style="position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;margin:0;padding:1rem;background:#300;color:#fdd;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap">${escapeHtml(problems)}</pre>`
    : ''
  const addition = `${overlay}${client}`
  return html.includes('</body>') ? html.replace('</body>', `${addition}</body>`) : html + addition
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
