import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'

export type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void

/** What the server saw: requests per path (and method), and how many were in flight at most. */
export interface Facts {
  counts: Map<string, number>
  starts: Map<string, number[]>
  maxInFlight: number
  /** Most requests in flight at once, by path. */
  maxInFlightByPath: Map<string, number>
}

export interface TestServer {
  origin: string
  facts: Facts
  close(): Promise<void>
}

/**
 * Start a server on 127.0.0.1 with one handler per path, recording the
 * server-side facts the tests assert.
 */
export async function startServer(
  routes: Record<string, Handler>,
  tls?: { key: string; cert: string }
): Promise<TestServer> {
  const facts: Facts = {
    counts: new Map(),
    starts: new Map(),
    maxInFlight: 0,
    maxInFlightByPath: new Map()
  }
  let inFlight = 0
  const inFlightByPath = new Map<string, number>()
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const count = (facts.counts.get(path) ?? 0) + 1
    facts.counts.set(path, count)
    facts.counts.set(
      `${request.method} ${path}`,
      (facts.counts.get(`${request.method} ${path}`) ?? 0) + 1
    )
    facts.starts.set(path, [...(facts.starts.get(path) ?? []), Date.now()])
    inFlight++
    facts.maxInFlight = Math.max(facts.maxInFlight, inFlight)
    const here = (inFlightByPath.get(path) ?? 0) + 1
    inFlightByPath.set(path, here)
    facts.maxInFlightByPath.set(path, Math.max(facts.maxInFlightByPath.get(path) ?? 0, here))
    response.on('close', () => {
      inFlight--
      inFlightByPath.set(path, (inFlightByPath.get(path) ?? 1) - 1)
    })
    const handler = routes[path]
    if (handler) handler(request, response, count)
    else {
      response.statusCode = 404
      response.end('no such route')
    }
  }
  const server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    facts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Reply with a status and optional headers and body. */
export function reply(status: number, headers: Record<string, string> = {}, body = ''): Handler {
  return (_request, response) => {
    response.writeHead(status, headers)
    response.end(body)
  }
}
