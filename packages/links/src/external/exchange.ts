import { type Agent, request } from 'undici'

/** One HTTP response, as much of it as the checker needs. */
export interface Exchange {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** The body, read only when asked for (HTML pages whose ids are needed). */
  body: string | undefined
}

/** Bodies longer than this are not read for ids. */
const maxBody = 5 * 1024 * 1024

/**
 * Send one request, without following redirects.
 *
 * @returns
 *   The response; rejects on network errors, timeouts, and when
 *   `settings.signal` (the run's deadline) aborts.
 */
export async function exchange(
  agent: Agent,
  url: URL,
  method: 'GET' | 'HEAD',
  settings: { userAgent: string; timeout: number; readBody: boolean; signal: AbortSignal }
): Promise<Exchange> {
  settings.signal.throwIfAborted()
  const signal = AbortSignal.any([AbortSignal.timeout(settings.timeout), settings.signal])
  const response = await request(url, {
    method,
    dispatcher: agent,
    signal,
    headers: {
      'user-agent': settings.userAgent,
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8'
    }
  })
  let body: string | undefined
  const type = String(response.headers['content-type'] ?? '')
  if (settings.readBody && method === 'GET' && /html/i.test(type)) {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body) {
      size += chunk.length
      if (size > maxBody) break
      chunks.push(chunk as Buffer)
    }
    body = Buffer.concat(chunks).toString('utf8')
    if (size > maxBody) {
      // The ids are looked for in the first 5 MB; the rest is not waited for.
      response.body.destroy()
      return { status: response.statusCode, headers: response.headers, body }
    }
  }
  // Read the rest (a trickling body still counts against the timeout).
  for await (const _ of response.body) {
    // Drained.
  }
  return { status: response.statusCode, headers: response.headers, body }
}
