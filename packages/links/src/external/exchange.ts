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
 *   The response; rejects on network errors and timeouts.
 */
export async function exchange(
  agent: Agent,
  url: URL,
  method: 'GET' | 'HEAD',
  settings: { userAgent: string; timeout: number; readBody: boolean }
): Promise<Exchange> {
  const signal = AbortSignal.timeout(settings.timeout)
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
  }
  // Read the rest (a trickling body still counts against the timeout).
  for await (const _ of response.body) {
    // Drained.
  }
  return { status: response.statusCode, headers: response.headers, body }
}
