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
import { isNativeModule } from '../modules.js'
import { workerPool } from '../pool.js'
import { renderProgress } from '../progress.js'
import { textReport } from '../report.js'
import { hostOf, listen, untilStopped } from '../serve.js'
import { changedSince, fileStamp, settleMs } from '../settle.js'
import { dependencyStamp, isSiteCode } from '../stamp.js'
import { builtLine, elapsed } from '../summary.js'
import { themeAssets } from '../theme.js'
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
  // The modules the config loaded, and the watcher that watches them.
  let code = new Set<string>()
  let watcher: ReturnType<typeof watch> | undefined
  const root = path.resolve(context.cwd)
  const inside = (folder: string, file: string) => {
    const relative = path.relative(path.resolve(root, folder), file)
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
  }
  let folders = foldersOf(undefined)
  const configure = async () => {
    const {
      config: loaded,
      path: configPath,
      modules
    } = await loadConfig(context.cwd, flags.config, flags.dir)
    // The site's code outside its folder (a config given with `--config
    // ../site.config.ts`, layouts shared between sites) is watched too.
    code = new Set(modules)
    const outside = modules.filter((file) => !inside('.', file))
    if (outside.length > 0) watcher?.add(outside)
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
      // An image changed is read again alone; the others come from the cache.
      imageCache: path.join(context.cwd, '.cache', 'galley', 'images'),
      // KaTeX's stylesheet and fonts, as `galley build` writes them.
      extraAssets: await themeAssets(loaded),
      build: { pool, onProgress }
    })
    // The watcher watches the whole site folder, so moved folders are seen too.
    folders = foldersOf(loaded)
    // Pages laid out by the old code are not served again: a trace knows
    // what a layout read, not the layout itself.
    serve = servedOutputs()
  }

  let started = false
  // What changed since the last build, as the next one names it.
  const changes = new Set<string>()
  // A save chokidar did not report (it drops a second change of a file
  // within 50 ms) is found by looking at the changed files again after
  // the build: never a stale page.
  let settling: NodeJS.Timeout | undefined
  const stamps = new Map<string, string | undefined>()
  const rebuild = async () => {
    if (!live) return
    const begun = performance.now()
    for (const file of changes) stamps.set(file, fileStamp(file))
    const changed = [...changes].map((file) => path.relative(root, file) || file)
    changes.clear()
    if (stamps.size > 0) {
      clearTimeout(settling)
      settling = setTimeout(() => {
        const missed = changedSince(stamps)
        stamps.clear()
        for (const file of missed) changedFile(file)
      }, settleMs)
      settling.unref()
    }
    const { result } = await live.build()
    started = true
    const report = textReport(result.files, {
      color: context.color,
      width: context.columns
    })
    if (report) context.stderr.write(`${report}\n`)
    problems = result.ok ? '' : textReport(result.files, { color: false })
    // Pages are laid out when asked for, not on every rebuild.
    if (result.ok || site.size === 0)
      site = new Map(result.outputs.map((file) => [file.path, file]))
    const what =
      changed.length === 0
        ? ''
        : `${changed.length > 3 ? `${changed.slice(0, 3).join(', ')} and ${changed.length - 3} more` : changed.join(', ')} changed: `
    context.stdout.write(
      `galley: ${what}${result.ok ? builtLine(result, begun) : `build failed in ${elapsed(begun)}; the last good pages are served, with the errors`}\n`
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
  const watching = watch([root, ...[...code].filter((file) => !inside('.', file))], {
    ignoreInitial: true,
    ignored: (file) => {
      if (file === root) return false
      const name = path.basename(file)
      return name === 'node_modules' || name.startsWith('.') || inside(folders.outDir, file)
    }
  })
  watcher = watching
  watching.on('all', (_event, file) => changedFile(file))
  function changedFile(file: string): void {
    changes.add(file)
    if (inside(folders.contentDir, file) || inside(folders.publicDir, file)) {
      live?.changed([file])
    } else if (code.has(path.resolve(file)) || isSiteCode(path.basename(file))) {
      // The config, or code it imports (layouts, a schema).
      reconfigure = true
      if (code.has(path.resolve(file))) {
        void isNativeModule(path.resolve(file)).then((native) => {
          if (!native) return
          context.stderr.write(
            `galley: ${path.relative(root, file)} changed, but Node keeps the ES modules it imported (\`.mjs\`, \`.js\` with \`"type": "module"\`) until it stops: restart \`galley dev\` to use it, or write it in TypeScript (\`.ts\`), which is reloaded\n`
          )
        })
      }
    } else return
    schedule()
  }
  // Watching before the first build: a save made while it runs is built next.
  await new Promise<void>((resolve) => watching.once('ready', () => resolve()))
  try {
    await rebuild()
  } catch (error) {
    await watching.close()
    throw error
  }

  const host = hostOf(flags)
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
    void watching.close()
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

/**
 * The live-reload client, and the build's errors in a panel at the bottom
 * of the page (its header stays in sight), wrapped to the screen's width,
 * that a button closes until the next build. Its styles are inline and set
 * what a site's own `pre` rules would change, so it reads the same on any site.
 */
function inject(html: string, problems: string): string {
  const overlay = problems
    ? `<aside id="galley-errors" role="alert" aria-label="Build errors" style="position:fixed;inset:auto 0 0 0;max-height:45vh;overflow:auto;margin:0;padding:0.75rem 1rem;background:#300;color:#fdd;font:13px/1.4 ui-monospace,monospace;z-index:2147483647;box-shadow:0 -2px 8px rgba(0,0,0,.4)"><button type="button" onclick="this.parentNode.remove()" aria-label="Close" style="float:right;margin:0 0 0.5rem 0.5rem;min-width:2.75rem;min-height:2.75rem;font:inherit;font-size:1.25rem;color:inherit;background:#500;border:1px solid #a66;border-radius:4px;cursor:pointer">×</button><pre style="margin:0;padding:0;border:0;border-radius:0;background:none;box-shadow:none;color:inherit;font:inherit;white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(problems)}</pre></aside>`
    : ''
  const addition = `${overlay}${client}`
  return html.includes('</body>') ? html.replace('</body>', `${addition}</body>`) : html + addition
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
