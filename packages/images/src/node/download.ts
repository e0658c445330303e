import type { ImageCache } from './cache.js'

/** How remote images are downloaded (`PrepareOptions.remote`). */
export interface DownloadOptions {
  /** Milliseconds a download may take, connection included (default: `10000`). */
  timeout?: number | null | undefined
  /** Bytes an image may have (default: 20 MB); a larger one is not downloaded. */
  maxBytes?: number | null | undefined
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch | null | undefined
}

/**
 * Download a remote image once: the bytes kept in the cache by URL are
 * taken without a request; otherwise one GET, following redirects, that
 * must answer 2xx with an image (`Content-Type: image/…`) of at most
 * `maxBytes`, within `timeout`. A failure is not kept: the next build
 * tries again.
 *
 * @returns
 *   The bytes and whether they came from the network, or why not.
 */
export async function downloadImage(
  url: string,
  cache: ImageCache,
  options?: Readonly<DownloadOptions> | null
): Promise<{ value: Uint8Array; fetched: boolean } | { reason: string }> {
  const kept = cache.remote(url)
  if (kept !== undefined) {
    const value = await cache.read(`remote-${kept}`)
    if (value) return { value, fetched: false }
  }
  const timeout = options?.timeout ?? 10_000
  const maxBytes = options?.maxBytes ?? 20_000_000
  const get = options?.fetch ?? fetch
  let response: Response
  try {
    response = await get(url, { redirect: 'follow', signal: AbortSignal.timeout(timeout) })
  } catch (error) {
    return { reason: failed(error, timeout, 'the request failed') }
  }
  if (!response.ok) {
    await response.body?.cancel()
    return { reason: `the server answered ${response.status}` }
  }
  const type = response.headers.get('content-type') ?? ''
  if (!/^image\//i.test(type)) {
    await response.body?.cancel()
    return { reason: `it is \`${type || 'no type'}\`, not an image` }
  }
  const length = Number(response.headers.get('content-length') ?? Number.NaN)
  if (length > maxBytes) {
    await response.body?.cancel()
    return { reason: `it has ${length} bytes, more than ${maxBytes}` }
  }
  try {
    const value = await readAtMost(response, maxBytes)
    if (!value) return { reason: `it has more than ${maxBytes} bytes` }
    await cache.keepRemote(url, value)
    return { value, fetched: true }
  } catch (error) {
    return { reason: failed(error, timeout, 'the download broke off') }
  }
}

/** The body, or `undefined` past `most` bytes (read no further). */
async function readAtMost(response: Response, most: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > most) {
      await response.body.cancel().catch(() => {})
      return undefined
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Why a request or its body failed: its timeout, or what broke (`the request failed (ECONNRESET)`). */
function failed(error: unknown, timeout: number, what: string): string {
  const name = error instanceof Error ? error.name : ''
  return name === 'TimeoutError' || name === 'AbortError'
    ? `no answer within ${timeout / 1000} s`
    : `${what} (${causeOf(error)})`
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined
  return cause?.code ?? (error instanceof Error ? error.message : String(error))
}
