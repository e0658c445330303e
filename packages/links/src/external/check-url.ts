import { fromHtml } from 'hast-util-from-html'
import type { Agent } from 'undici'
import { visit } from 'unist-util-visit'
import { type Exchange, exchange } from './exchange.js'
import type { ExternalResult, Verdict } from './types.js'

/** Settings with every default applied. */
export interface Settings {
  retries: number
  retryDelay: number
  maxRetryAfter: number
  timeout: number
  maxRedirects: number
  fragments: boolean
  accept: ReadonlySet<number>
  userAgent: string
  random: () => number
  now: () => number
  /** Aborted when the run's deadline passes. */
  signal: AbortSignal
  /** The run's deadline, in milliseconds, for the reason a late URL gets. */
  deadline: number
}

/** What a URL the run's deadline stopped gets. */
export function lateResult(settings: Settings): { verdict: Verdict; reason: string } {
  return {
    verdict: 'unverifiable',
    reason: `not checked within the run's deadline of ${Number((settings.deadline / 1000).toFixed(1))} s`
  }
}

const retryStatus = new Set([429, 500, 502, 503, 504])
const getInstead = new Set([400, 403, 404, 405, 501])
const permanentStatus = new Set([301, 308])

/**
 * Check one URL: HEAD (GET when HEAD is refused, or when ids are needed),
 * follow redirects, retry what may pass later, and give a verdict.
 *
 * @param send
 *   Sends through the per-host gate.
 * @returns
 *   Result; `ids` are the page's ids when they were asked for.
 */
export async function checkUrl(
  agent: Agent,
  send: <T>(host: string, task: () => Promise<T>) => Promise<T>,
  url: URL,
  settings: Settings,
  wantIds: boolean
): Promise<ExternalResult & { ids?: ReadonlySet<string> | undefined }> {
  const checkedAt = settings.now()
  let current = url
  let permanent: boolean | undefined
  const seen = new Set<string>([url.href])

  for (let hop = 0; ; hop++) {
    let method: 'GET' | 'HEAD' = wantIds ? 'GET' : 'HEAD'
    let response = await attempt(agent, send, current, method, settings, wantIds)
    if ('error' in response) return { ...response.error, checkedAt }
    if (method === 'HEAD' && getInstead.has(response.status)) {
      method = 'GET'
      response = await attempt(agent, send, current, method, settings, wantIds)
      if ('error' in response) return { ...response.error, checkedAt }
    }

    const { status } = response
    if (status >= 300 && status < 400 && response.headers.location) {
      if (hop === 0) permanent = permanentStatus.has(status)
      if (hop + 1 > settings.maxRedirects) {
        return {
          verdict: 'broken',
          status,
          reason: `more than ${settings.maxRedirects} redirects`,
          checkedAt
        }
      }
      let next: URL
      try {
        next = new URL(String(response.headers.location), current)
      } catch {
        // A `Location` no browser could follow (`http://[::1`): a verdict
        // for this link, not an error that ends the run.
        const location = String(response.headers.location).slice(0, 80)
        return {
          verdict: 'broken',
          status,
          reason: `redirect to \`${location}\`, which is not a URL`,
          checkedAt
        }
      }
      if (seen.has(next.href)) {
        return { verdict: 'broken', status, reason: `redirect loop at \`${next.href}\``, checkedAt }
      }
      seen.add(next.href)
      current = next
      continue
    }

    const result: ExternalResult & { ids?: ReadonlySet<string> } = {
      ...judge(response, settings),
      checkedAt,
      ...(hop > 0 ? { finalUrl: current.href, permanent } : {})
    }
    if (wantIds && result.verdict === 'ok') result.ids = idsOf(response.body ?? '')
    return result
  }
}

type Attempt = Exchange | { error: { verdict: Verdict; reason: string; status?: number } }

async function attempt(
  agent: Agent,
  send: <T>(host: string, task: () => Promise<T>) => Promise<T>,
  url: URL,
  method: 'GET' | 'HEAD',
  settings: Settings,
  readBody: boolean
): Promise<Attempt> {
  for (let retry = 0; ; retry++) {
    if (settings.signal.aborted) return { error: lateResult(settings) }
    let response: Exchange
    try {
      response = await send(url.host, () =>
        exchange(agent, url, method, {
          userAgent: settings.userAgent,
          timeout: settings.timeout,
          readBody,
          signal: settings.signal
        })
      )
    } catch (error) {
      if (settings.signal.aborted) return { error: lateResult(settings) }
      const failure = classify(error, settings)
      if (failure.retry && retry < settings.retries) {
        await sleep(backoff(retry, settings), settings.signal)
        continue
      }
      return { error: { verdict: failure.verdict, reason: failure.reason } }
    }
    if (retryStatus.has(response.status) && retry < settings.retries) {
      await sleep(retryAfter(response, retry, settings), settings.signal)
      continue
    }
    return response
  }
}

function judge(
  response: Exchange,
  settings: Settings
): { verdict: Verdict; status: number; reason: string } {
  const { status } = response
  const reason = `${status} ${statusText(status)}`.trim()
  if ((status >= 200 && status < 300) || settings.accept.has(status))
    return { verdict: 'ok', status, reason }
  if (status === 429) return { verdict: 'unverifiable', status, reason: `${reason} after retries` }
  if (status === 999 || (status === 403 && botWall(response))) {
    return {
      verdict: 'unverifiable',
      status,
      reason: `${reason}: the site blocks automated checks`
    }
  }
  if (status >= 500) return { verdict: 'unverifiable', status, reason: `${reason} after retries` }
  return { verdict: 'broken', status, reason }
}

function botWall(response: Exchange): boolean {
  const header = (name: string) => String(response.headers[name] ?? '').toLowerCase()
  return (
    header('cf-mitigated') === 'challenge' ||
    header('server').includes('cloudflare') ||
    header('x-amzn-waf-action') !== '' ||
    /captcha|are you a robot|access denied/i.test(response.body ?? '')
  )
}

function classify(
  error: unknown,
  settings: Settings
): { verdict: Verdict; reason: string; retry: boolean } {
  const code = String(
    (error as { code?: unknown; cause?: { code?: unknown } })?.code ??
      (error as { cause?: { code?: unknown } })?.cause?.code ??
      ''
  )
  const name = (error as Error)?.name
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code)) {
    return {
      verdict: 'unverifiable',
      reason: `timed out after ${settings.timeout} ms`,
      retry: true
    }
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      verdict: code === 'ENOTFOUND' ? 'broken' : 'unverifiable',
      reason: 'no such host',
      retry: code === 'EAI_AGAIN'
    }
  }
  if (code === 'ECONNREFUSED')
    return { verdict: 'broken', reason: 'connection refused', retry: false }
  if (
    /CERT|SELF_SIGNED|TLS|SSL/.test(code) ||
    /certificate/i.test(String((error as Error)?.message))
  ) {
    return { verdict: 'broken', reason: 'the TLS certificate is not trusted', retry: false }
  }
  if (name === 'HTTPParserError' || code.startsWith('HPE_')) {
    return { verdict: 'unverifiable', reason: "the server's answer is not HTTP", retry: true }
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { verdict: 'unverifiable', reason: 'the connection was reset', retry: true }
  }
  return {
    verdict: 'unverifiable',
    reason: (error as Error)?.message ?? String(error),
    retry: true
  }
}

function backoff(retry: number, settings: Settings): number {
  const base = settings.retryDelay * 2 ** retry
  return base + settings.random() * base
}

/** `Retry-After` in seconds or as an HTTP date, capped; else exponential back-off. */
export function retryAfter(response: Exchange, retry: number, settings: Settings): number {
  const value = String(response.headers['retry-after'] ?? '').trim()
  let wait: number | undefined
  if (/^\d+$/.test(value)) wait = Number(value) * 1000
  else if (value) {
    const date = Date.parse(value)
    if (!Number.isNaN(date)) wait = Math.max(0, date - Date.now())
  }
  return wait === undefined ? backoff(retry, settings) : Math.min(wait, settings.maxRetryAfter)
}

function idsOf(html: string): ReadonlySet<string> {
  const ids = new Set<string>()
  visit(fromHtml(html), 'element', (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
    if (node.tagName === 'a' && typeof node.properties.name === 'string')
      ids.add(node.properties.name)
  })
  return ids
}

/** Wait `ms`, or until `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

const texts: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  999: 'Request Denied'
}

function statusText(status: number): string {
  return texts[status] ?? ''
}
