import { readFile } from 'node:fs/promises'
import { createServer, type ServerResponse } from 'node:http'
import path from 'node:path'
import { foldersOf } from '@galley/core'
import { recoverOutDir } from '@galley/core/node'
import { loadConfig } from '../config.js'
import { acceptRequest } from '../http.js'
import type { Context } from '../io.js'
import { hostOf, listen, untilStopped } from '../serve.js'
import { find, serveFolder } from '../static.js'

/** Flags of `galley preview`. */
export interface PreviewFlags {
  config?: string | undefined
  out?: string | undefined
  port?: number | undefined
  host?: string | undefined
}

/**
 * `galley preview`: serve the built site until stopped, with `404.html` for
 * missing pages (status 404). Only regular files inside the output folder
 * are served (symbolic links resolved first); a malformed request gets 400
 * and a `Host` that is not this server 403, and the server stays up.
 *
 * @returns
 *   Exit code.
 */
export async function preview(context: Context, flags: PreviewFlags): Promise<number> {
  const { config } = await loadConfig(context.cwd, flags.config, undefined)
  const outDir = flags.out ?? foldersOf(config).outDir
  const root = path.resolve(context.cwd, outDir)
  // A build killed while it committed leaves what it did for this to finish.
  await recoverOutDir(root)
  if (!(await find(root, '/index.html').catch(() => undefined))) {
    context.stderr.write(`galley: nothing to serve in \`${outDir}\`; run \`galley build\` first\n`)
    return 1
  }

  const notFound = async (response: ServerResponse) => {
    const page = await find(root, '/404.html').catch(() => undefined)
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
    response.end(page ? await readFile(page.path) : 'Not found')
  }
  const serve = serveFolder(root, notFound)
  const host = hostOf(flags)
  const server = createServer((request, response) => {
    const pathname = acceptRequest(request, response, host)
    if (pathname === undefined) return
    serve(request, response, pathname).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  const origin = await listen(server, flags)
  context.stdout.write(`galley: serving \`${outDir}\` at ${origin}/ (Ctrl+C to stop)\n`)
  await untilStopped(context, server)
  return 0
}
