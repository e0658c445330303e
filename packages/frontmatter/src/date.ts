const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/
const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?$/

/**
 * Read a front-matter date: a date-only `2018-04-23` (midnight UTC, never
 * shifted a day) or an RFC 3339 date-time; a `Date` passes through.
 *
 * @param value
 *   Raw value from the front matter.
 * @returns
 *   The date, or `undefined` when `value` is not a real calendar date.
 */
export function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  const short = dateOnly.exec(text)
  if (short) return calendar(Number(short[1]), Number(short[2]), Number(short[3]))
  const long = dateTime.exec(text)
  if (!long) return undefined
  if (!calendar(Number(long[1]), Number(long[2]), Number(long[3]))) return undefined
  if (Number(long[4]) > 23 || Number(long[5]) > 59 || Number(long[6] ?? 0) > 60) return undefined
  const date = new Date(text.replace(' ', 'T'))
  return Number.isNaN(date.getTime()) ? undefined : date
}

function calendar(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
    ? date
    : undefined
}
