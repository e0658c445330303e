import type { Pagination } from './types.js'

/**
 * Split a list into pages of `size` items (all on one page without a size).
 * Page 1 is the list's own URL; page `n` is `<url>page/<n>/`, as Hugo does.
 *
 * @param items
 *   Items, in order.
 * @param url
 *   URL path of the list, ending in `/`.
 * @param size
 *   Items a page (default: all).
 * @returns
 *   Pages (at least one, maybe empty).
 */
export function paginate<T>(
  items: ReadonlyArray<T>,
  url: string,
  size: number | null | undefined
): Array<Pagination<T>> {
  if (size !== null && size !== undefined && !(Number.isInteger(size) && size > 0)) {
    throw new TypeError(`Expected \`paginate\` to be a positive integer, not \`${size}\``)
  }
  const per = size ?? Math.max(items.length, 1)
  const total = Math.max(1, Math.ceil(items.length / per))
  const at = (n: number) => (n === 1 ? url : `${url}page/${n}/`)
  return Array.from({ length: total }, (_, index) => {
    const current = index + 1
    return {
      items: items.slice(index * per, current * per),
      current,
      total,
      url: at(current),
      previous: current > 1 ? at(current - 1) : undefined,
      next: current < total ? at(current + 1) : undefined
    }
  })
}
