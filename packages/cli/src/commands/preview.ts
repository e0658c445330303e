import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import sirv from 'sirv'
import type { Context } from '../io.js'

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

  const host = flags.host ?? 'localhost'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(flags.port ?? 4321, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  context.stdout.write(
    `galley: serving \`${outDir}\` at http://${host}:${port}/ (Ctrl+C to stop)\n`
  )

  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve())
    if (context.signal) {
      if (context.signal.aborted) stop()
      else context.signal.addEventListener('abort', stop, { once: true })
    } else {
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    }
  })
  return 0
}
