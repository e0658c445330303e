/** Origin used to resolve site-relative URLs when no `site` is configured. */
export const placeholderOrigin = 'https://galley.invalid'

/**
 * The key a page is known by: the decoded path, without `index.html` and
 * without a trailing slash, so `/a/`, `/a` and `/a/index.html` are one page.
 *
 * @param pathname
 *   URL path (percent-encoded or not).
 * @returns
 *   Key.
 */
export function pageKey(pathname: string): string {
  // Most paths have nothing to decode and no `index.html`: only the
  // trailing slashes go (a checker keys every page of a site).
  if (!pathname.includes('%') && !pathname.endsWith('.html') && !pathname.endsWith('.htm')) {
    let end = pathname.length
    while (end > 1 && pathname.charCodeAt(end - 1) === 47) end--
    return pathname.slice(0, end) || '/'
  }
  let path = pathname
  try {
    path = decodeURI(pathname)
  } catch {
    // Keep a path with broken percent-encoding as written.
  }
  path = path.replace(/\/index\.html?$/, '/')
  if (path.length > 1) path = path.replace(/\/+$/, '')
  return path || '/'
}

/**
 * Turn a `site` option into an origin URL, or throw a `TypeError`.
 *
 * @param site
 *   `site` option.
 * @returns
 *   URL of the site.
 */
export function toSiteUrl(site: string | URL | null | undefined): URL {
  if (site === null || site === undefined) return new URL(placeholderOrigin)
  try {
    return new URL(site)
  } catch {
    throw new TypeError(`Expected \`site\` to be an absolute URL, not \`${String(site)}\``)
  }
}

/**
 * Decode a `#fragment` the way browsers match it against ids.
 *
 * @param hash
 *   `URL#hash` (with the `#`).
 * @returns
 *   Decoded fragment, without `#`.
 */
export function fragmentOf(hash: string): string {
  const raw = hash.slice(1)
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * The path of `url` (a path or a URL) on `site`, as `new URL(url, site)`
 * gives it; a plain path (letters, digits, `-_~/` and dots inside names)
 * is that path already.
 */
export function pathOf(url: string, site: URL): string {
  return plainPath.test(url) && !url.includes('/.') ? url : new URL(url, site).pathname
}

const plainPath = /^\/[\w\-~/.]*$/
