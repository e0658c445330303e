/** Options for reading dates. */
export interface DateOptions {
  /**
   * IANA time zone that date-only and local date-times are read in, such as
   * `'America/New_York'` (default: `'UTC'`). `2018-04-23` is midnight there,
   * so it is the 23rd for readers of the site, never the 22nd.
   */
  timeZone?: string | null | undefined
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/
const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)? ?([Zz]|[+-]\d{2}:?\d{2})?$/

const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Check a time zone option, throwing a `TypeError` naming it when it is not
 * an IANA time zone.
 *
 * @param timeZone
 *   Candidate.
 * @returns
 *   The time zone (`'UTC'` when none is given).
 */
export function checkTimeZone(timeZone: string | null | undefined): string {
  const zone = timeZone ?? 'UTC'
  // The default needs no time zone data (loading it takes a while).
  if (zone === 'UTC') return zone
  try {
    formatter(zone)
  } catch {
    throw new TypeError(
      `Expected \`timeZone\` to be an IANA time zone such as \`Europe/Paris\`, not \`${String(timeZone)}\``
    )
  }
  return zone
}

/**
 * Read a front-matter date: a date-only `2018-04-23` (midnight in
 * `timeZone`), an RFC 3339 date-time, or Jekyll's `2018-04-23 10:00:00 +0200` (with an offset it is exact; without
 * one it is read in `timeZone`), or a `Date`.
 *
 * @param value
 *   Raw value from the front matter.
 * @param options
 *   Configuration (optional).
 * @returns
 *   The date, or `undefined` when `value` is not a real calendar date and time.
 */
export function parseDate(
  value: unknown,
  options?: Readonly<DateOptions> | null
): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value !== 'string') return undefined
  const timeZone = checkTimeZone(options?.timeZone)
  const text = value.trim()

  const short = dateOnly.exec(text)
  if (short) {
    const [year, month, day] = [Number(short[1]), Number(short[2]), Number(short[3])]
    return isCalendarDate(year, month, day)
      ? zoned(timeZone, year, month, day, 0, 0, 0, 0)
      : undefined
  }

  const long = dateTime.exec(text)
  if (!long) return undefined
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(long[index])) as [
    number,
    number,
    number,
    number,
    number
  ]
  const second = Number(long[6] ?? 0)
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined
  const offset = long[8]
  const millisecond = Math.round(Number(long[7] ?? 0) * 1000)
  if (offset) {
    // `Z`, `+02:00`, or `+0200` (as Jekyll writes dates: `2018-04-23 10:00:00 +0200`).
    const sign = offset.startsWith('-') ? -1 : 1
    const [hours, minutes] = /^[Zz]$/.test(offset)
      ? [0, 0]
      : [Number(offset.slice(1, 3)), Number(offset.slice(-2))]
    if (hours > 23 || minutes > 59) return undefined
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
    return new Date(utc - sign * (hours * 60 + minutes) * 60_000)
  }
  return zoned(timeZone, year, month, day, hour, minute, second, millisecond)
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

/** The instant when clocks in `timeZone` show the given wall time. */
function zoned(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
  if (timeZone === 'UTC') return new Date(wall)
  const offset = offsetAt(wall - offsetAt(wall, timeZone), timeZone)
  const candidate = wall - offset
  const actual = offsetAt(candidate, timeZone)
  // A wall time that happens twice (clocks fall back) takes the first; one
  // that never happens (clocks spring forward) moves forward by the gap.
  return new Date(actual === offset ? candidate : wall - actual)
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0
  const parts = formatter(timeZone).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0)
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second')
  )
  return wall - (instant - (((instant % 1000) + 1000) % 1000))
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(timeZone, format)
  }
  return format
}
