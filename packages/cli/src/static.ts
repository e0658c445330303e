import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { contentType } from './types.js'

/**
 * Serve files of a built site: `/a/` is `a/index.html`, `/a` also
 * `a.html`; only regular files whose real path (symbolic links resolved)
 * is inside `root` are ever served, so a link in the output folder cannot
 * lead a request to `/etc/passwd`. Anything else is `notFound`.
 *
 * @param root
 *   Output folder.
 * @param notFound
 *   Answers a path that names no such file.
 * @returns
 *   Handler taking the decoded path.
 */
export function serveFolder(
  root: string,
  notFound: (response: ServerResponse) => Promise<void>
): (request: IncomingMessage, response: ServerResponse, pathname: string) => Promise<void> {
  return async (request, response, pathname) => {
    const file = await find(root, pathname)
    if (!file) return notFound(response)
    response.writeHead(200, {
      'content-type': contentType(file.path),
      'content-length': file.size,
      'cache-control': 'no-cache'
    })
    if (request.method === 'HEAD') {
      response.end()
      return
    }
    createReadStream(file.path).pipe(response)
  }
}

/** The file a path names, if it is a regular file inside `root`. */
export async function find(
  root: string,
  pathname: string
): Promise<{ path: string; size: number } | undefined> {
  if (pathname.includes('\0')) return undefined
  const base = await realpath(root).catch(() => undefined)
  if (!base) return undefined
  const clean = pathname.replace(/^\/+/, '')
  const candidates = [
    clean,
    path.posix.join(clean, 'index.html'),
    `${clean.replace(/\/$/, '')}.html`
  ]
  for (const candidate of candidates) {
    const resolved = path.resolve(base, candidate)
    if (!resolved.startsWith(base + path.sep)) continue
    const target = await realpath(resolved).catch(() => undefined)
    if (!target?.startsWith(base + path.sep)) continue
    const stats = await stat(target).catch(() => undefined)
    if (stats?.isFile()) return { path: target, size: stats.size }
  }
  return undefined
}
