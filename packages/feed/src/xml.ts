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

/**
 * An RFC 822 date with English names and a four-digit year, as RSS wants:
 * `Mon, 23 Apr 2018 00:00:00 GMT`.
 *
 * @param date
 *   Date.
 * @returns
 *   Formatted date.
 */
export function rfc822(date: Date): string {
  return date.toUTCString()
}
