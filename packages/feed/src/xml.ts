// Characters XML 1.0 does not allow: C0 controls other than tab, line feed
// and carriage return, U+FFFE and U+FFFF, and lone surrogates.
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Remove the characters XML 1.0 forbids, so a stray control character copied
 * into a title never makes the document ill-formed.
 *
 * @param value
 *   Text.
 * @returns
 *   Text that can go in an XML document.
 */
export function clean(value: string): string {
  return value.replace(forbidden, '')
}

/** RFC 822 date with English names and a four-digit year: `Mon, 23 Apr 2018 00:00:00 GMT` (RSS). */
export function rfc822(date: Date): string {
  return date.toUTCString()
}

/** RFC 3339 date-time with an offset: `2018-04-23T00:00:00Z` (Atom, JSON Feed). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z')
}
