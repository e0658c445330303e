/** What a link check concludes. */
export type Verdict = 'broken' | 'ok' | 'unverifiable'

/** The result of checking one external URL. */
export interface ExternalResult {
  /** `ok`, `broken` (404, 410, no such host, a missing anchor), or `unverifiable` (bot walls, 429, timeouts). */
  verdict: Verdict
  /** Final HTTP status, if a response came. */
  status?: number | undefined
  /** Why, in a few words: `404 Not Found`, `timed out after 15000 ms`. */
  reason: string
  /** Where redirects ended, when they did. */
  finalUrl?: string | undefined
  /** Whether the first redirect was permanent (301, 308). */
  permanent?: boolean | undefined
  /** When it was checked (milliseconds since the epoch, from `now`). */
  checkedAt: number
}

/** Configuration of external checks. */
export interface ExternalOptions {
  /** Requests in flight at once to one host (default: `4`). */
  concurrency?: number | null | undefined
  /** Minimum milliseconds between the starts of two requests to one host (default: `100`). */
  interval?: number | null | undefined
  /** Retries after 429, 5xx, resets and timeouts (default: `2`). */
  retries?: number | null | undefined
  /** Base of the exponential back-off, in milliseconds; jitter adds up to as much again (default: `500`). */
  retryDelay?: number | null | undefined
  /** Longest `Retry-After` honoured, in milliseconds; longer is capped (default: `30000`). */
  maxRetryAfter?: number | null | undefined
  /** Milliseconds to connect (default: `5000`). */
  connectTimeout?: number | null | undefined
  /** Milliseconds for a whole response, body included (default: `15000`). */
  timeout?: number | null | undefined
  /**
   * Milliseconds the whole run may take (default: `300000`, five minutes):
   * then requests in flight are stopped and URLs not yet settled are
   * `unverifiable`, “not checked within the run's deadline”, so a host
   * that never answers costs the run at most this. Results already
   * settled stand (and go to the cache), so the next run goes on from them.
   */
  deadline?: number | null | undefined
  /** Redirects followed before giving up (default: `5`). */
  maxRedirects?: number | null | undefined
  /** Check `#fragments` against the ids of external HTML pages (default: `false`). */
  fragments?: boolean | null | undefined
  /** URLs to leave alone: exact strings, patterns, or a function (default: none). */
  exclude?: ReadonlyArray<RegExp | string> | ((url: string) => boolean) | null | undefined
  /** Status codes that count as `ok` besides 2xx (default: none). */
  accept?: ReadonlyArray<number> | null | undefined
  /** `User-Agent` header (default: `galley-link-checker (+https://github.com/galley)`). */
  userAgent?: string | null | undefined
  /** JSON file to keep results in between runs (default: none). */
  cache?: string | null | undefined
  /** Milliseconds a cached `ok` stays valid; broken and unverifiable results are always rechecked (default: one day). */
  maxAge?: number | null | undefined
  /** Clock, for the cache (default: `Date.now`). */
  now?: (() => number) | null | undefined
  /** Random numbers in [0, 1) for jitter (default: `Math.random`). */
  random?: (() => number) | null | undefined
  /** Called after each URL is settled. */
  onProgress?: ((progress: { done: number; total: number; url: string }) => void) | null | undefined
  /** Trust these CA certificates (PEM) besides the system's, as for a test server (default: none). */
  ca?: string | ReadonlyArray<string> | null | undefined
}
