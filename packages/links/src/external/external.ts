import { Agent } from 'undici'
import { type CacheEntries, loadCache, saveCache } from './cache.js'
import { checkUrl, lateResult, type Settings } from './check-url.js'
import { HostGate } from './schedule.js'
import type { ExternalOptions, ExternalResult } from './types.js'

/** What `checkExternal` gives. */
export interface ExternalReport {
  /** Results by URL as asked (fragment included). */
  results: Map<string, ExternalResult>
  /** Requests actually sent (cache hits and deduplicated URLs send none). */
  requests: number
  /** Problems with the run itself, such as a corrupt cache file. */
  warnings: string[]
}

const day = 24 * 60 * 60 * 1000

/**
 * Check external URLs over the network: each distinct URL once, through a
 * per-host gate, with retries, redirects, a cache, and a three-state verdict.
 * `mailto:` and `tel:` are checked for syntax, never contacted.
 *
 * @param urls
 *   Absolute URLs (a `#fragment` is checked against the page's ids when
 *   `fragments` is on).
 * @param options
 *   Configuration (optional).
 * @returns
 *   Report.
 */
export async function checkExternal(
  urls: Iterable<string>,
  options?: Readonly<ExternalOptions> | null
): Promise<ExternalReport> {
  // The run's deadline: an unref'd timer, so a run that ends first is not held.
  const late = new AbortController()
  const settings = toSettings(options || {}, late.signal)
  const deadline = setTimeout(() => late.abort(), settings.deadline)
  deadline.unref()
  const exclude = options?.exclude
  const excluded = (url: string) =>
    typeof exclude === 'function'
      ? exclude(url)
      : (exclude ?? []).some((pattern) =>
          typeof pattern === 'string' ? pattern === url : pattern.test(url)
        )
  const maxAge = options?.maxAge ?? day
  const warnings: string[] = []
  const cached: CacheEntries = new Map()
  if (options?.cache) {
    const loaded = await loadCache(options.cache)
    if (loaded.warning) warnings.push(loaded.warning)
    for (const [url, entry] of loaded.entries) cached.set(url, entry)
  }

  const ca = options?.ca
  const agent = new Agent({
    connectTimeout: options?.connectTimeout ?? 5000,
    headersTimeout: settings.timeout,
    bodyTimeout: settings.timeout,
    connect: ca ? { ca: typeof ca === 'string' ? [ca] : [...ca] } : {}
  })
  const gate = new HostGate(options?.concurrency ?? 4, options?.interval ?? 100)
  const send = <T>(host: string, task: () => Promise<T>) => gate.run(host, task)
  let requests = 0
  const counted = <T>(host: string, task: () => Promise<T>) =>
    send(host, () => {
      requests++
      return task()
    })

  const asked = [...new Set(urls)].filter((url) => !excluded(url))
  const pages = new Map<
    string,
    Promise<ExternalResult & { ids?: ReadonlySet<string> | undefined }>
  >()
  const results = new Map<string, ExternalResult>()
  let done = 0

  await Promise.all(
    asked.map(async (raw) => {
      const result = late.signal.aborted
        ? { ...lateResult(settings), checkedAt: settings.now() }
        : await checkOne(raw)
      results.set(raw, result)
      done++
      options?.onProgress?.({ done, total: asked.length, url: raw })
    })
  )

  async function checkOne(raw: string): Promise<ExternalResult> {
    const checkedAt = settings.now()
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return { verdict: 'broken', reason: 'not a valid URL', checkedAt }
    }
    if (url.protocol === 'mailto:') {
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(url.pathname))
        ? { verdict: 'ok', reason: 'valid email address', checkedAt }
        : { verdict: 'broken', reason: 'not a valid email address', checkedAt }
    }
    if (url.protocol === 'tel:') {
      return /^\+?[\d\s().-]{3,}$/.test(decodeURIComponent(url.pathname))
        ? { verdict: 'ok', reason: 'valid phone number', checkedAt }
        : { verdict: 'broken', reason: 'not a valid phone number', checkedAt }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { verdict: 'ok', reason: `\`${url.protocol}\` links are not checked`, checkedAt }
    }

    const hit = cached.get(raw)
    if (hit && hit.verdict === 'ok' && settings.now() - hit.checkedAt < maxAge) return hit

    const fragment = settings.fragments ? decodeFragment(url.hash) : ''
    const page = new URL(url.href)
    page.hash = ''
    const wantIds = fragment !== '' && fragment.toLowerCase() !== 'top'
    const key = `${wantIds ? 'GET' : 'ANY'} ${page.href}`
    let pending = pages.get(key)
    if (!pending) {
      pending = checkUrl(agent, counted, page, settings, wantIds)
      pages.set(key, pending)
    }
    const { ids, ...result } = await pending
    let final: ExternalResult = result
    if (wantIds && result.verdict === 'ok' && ids && !ids.has(fragment)) {
      final = { ...result, verdict: 'broken', reason: `the page has no \`#${fragment}\`` }
    }
    cached.set(raw, final)
    return final
  }

  clearTimeout(deadline)
  // Every URL is settled: sockets still open (a body left unread, a request
  // the deadline stopped) are closed, not waited for.
  await agent.destroy()
  if (options?.cache) await saveCache(options.cache, cached)
  return { results, requests, warnings }
}

function toSettings(options: Readonly<ExternalOptions>, signal: AbortSignal): Settings {
  const deadline = options.deadline
  if (
    deadline !== undefined &&
    deadline !== null &&
    !(typeof deadline === 'number' && deadline > 0 && deadline <= 2 ** 31 - 1)
  ) {
    throw new TypeError(
      `Expected \`deadline\` to be a number of milliseconds above 0, not \`${String(deadline)}\``
    )
  }
  for (const name of ['concurrency', 'retries', 'maxRedirects'] as const) {
    const value = options[name]
    if (
      value !== undefined &&
      value !== null &&
      !(Number.isInteger(value) && value >= (name === 'concurrency' ? 1 : 0))
    ) {
      throw new TypeError(
        `Expected \`${name}\` to be a whole number${name === 'concurrency' ? ' of at least 1' : ''}, not \`${String(value)}\``
      )
    }
  }
  return {
    retries: options.retries ?? 2,
    retryDelay: options.retryDelay ?? 500,
    maxRetryAfter: options.maxRetryAfter ?? 30_000,
    timeout: options.timeout ?? 15_000,
    maxRedirects: options.maxRedirects ?? 5,
    fragments: options.fragments ?? false,
    accept: new Set(options.accept ?? []),
    userAgent: options.userAgent ?? 'galley-link-checker (+https://github.com/galley)',
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    signal,
    deadline: deadline ?? 300_000
  }
}

function decodeFragment(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1))
  } catch {
    return hash.slice(1)
  }
}
