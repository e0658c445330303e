import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import sirv from 'sirv'
import type { Context } from '../io.js'
import { listen, untilStopped } from '../serve.js'

/** Flags of `galley preview`. */
export interface PreviewFlags {
  out?: string | undefined
  port?: number | undefined
  host?: string | undefined
}

/**
 * `galley preview`: serve the built site until stopped, with `404.html` for
 * missing pages (status 404).
 *
 * @returns
 *   Exit code.
 */
export async function preview(context: Context, flags: PreviewFlags): Promise<number> {
  const outDir = flags.out ?? 'dist'
  const root = path.resolve(context.cwd, outDir)
  if (!existsSync(path.join(root, 'index.html'))) {
    context.stderr.write(`galley: nothing to serve in \`${outDir}\`; run \`galley build\` first\n`)
    return 1
  }

  const serve = sirv(root, { dev: true, etag: true, extensions: ['html'] })
  const notFound = path.join(root, '404.html')
  const server = createServer((request, response) => {
    serve(request, response, () => {
      response.statusCode = 404
      response.setHeader('content-type', 'text/html; charset=utf-8')
      response.end(existsSync(notFound) ? readFileSync(notFound) : 'Not found')
    })
  })

  const origin = await listen(server, flags)
  context.stdout.write(`galley: serving \`${outDir}\` at ${origin}/ (Ctrl+C to stop)\n`)
  await untilStopped(context, server)
  return 0
}
