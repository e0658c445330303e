import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Context } from './io.js'

/**
 * The host `dev` and `preview` listen on without `--host`: the loopback
 * interface only, so no other machine on the network can reach the site
 * (or the drafts `dev` serves).
 *
 * @param flags
 *   The command's flags.
 * @returns
 *   The host to listen on.
 */
export function hostOf(flags: { host?: string | undefined }): string {
  return flags.host ?? 'localhost'
}

/**
 * Listen on `host:port` (default `localhost:4321`, `hostOf`; port `0` picks a free one).
 *
 * @returns
 *   The origin, such as `http://localhost:4321`.
 */
export async function listen(
  server: Server,
  flags: { host?: string | undefined; port?: number | undefined }
): Promise<string> {
  const host = hostOf(flags)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(flags.port ?? 4321, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  return `http://${host}:${port}`
}

/**
 * Wait until the command is stopped (the context's signal, else Ctrl+C or
 * SIGTERM), run `cleanup`, and close the server.
 */
export function untilStopped(
  context: Context,
  server: Server,
  cleanup?: () => void
): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      cleanup?.()
      server.closeAllConnections()
      server.close(() => resolve())
    }
    if (context.signal) {
      if (context.signal.aborted) stop()
      else context.signal.addEventListener('abort', stop, { once: true })
    } else {
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    }
  })
}
