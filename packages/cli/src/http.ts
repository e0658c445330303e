import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIP } from 'node:net'

/**
 * What every request to `galley dev` and `galley preview` passes first:
 * a `Host` this server answers to — an IP address, `localhost` (or a name
 * under it), or the `--host` it listens on; any other name is how a web
 * page reaches a local server through DNS rebinding, as Vite's
 * `server.allowedHosts` check says — and a URL that parses and decodes.
 *
 * @param request
 *   Request.
 * @param response
 *   Response: answered with 403 or 400 when the request fails.
 * @param listening
 *   The host name the server listens on.
 * @returns
 *   The decoded path, or `undefined` when the request was answered.
 */
export function acceptRequest(
  request: IncomingMessage,
  response: ServerResponse,
  listening: string
): string | undefined {
  const host = hostName(request.headers.host)
  if (host === undefined || !allowedHost(host, listening)) {
    refuse(response, 403, `Host \`${request.headers.host ?? ''}\` is not this server`)
    return undefined
  }
  try {
    const url = new URL(request.url ?? '/', 'http://localhost')
    return decodeURIComponent(url.pathname)
  } catch {
    refuse(response, 400, 'Malformed URL')
    return undefined
  }
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  response.end(`${text}\n`)
}

/** The name part of a `Host` header (`[::1]:4321` → `::1`); `undefined` when malformed. */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined
  try {
    const name = new URL(`http://${header}`).hostname
    return name.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return undefined
  }
}

function allowedHost(host: string, listening: string): boolean {
  if (isIP(host) !== 0) return true
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  return host === listening.replace(/^\[|\]$/g, '').toLowerCase()
}
