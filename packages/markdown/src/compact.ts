/** A character that needs two bytes in a JavaScript engine's string. */
const wide = /[\u0100-\uffff]/

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * `value` kept one byte per character when every character fits in one.
 * An engine keeps a string it joined from parts two bytes per character
 * if any part was (V8 does so for the output of `hast-util-to-html` even
 * for ASCII content), and a build keeps every post's HTML in memory until
 * it is written: at 10,000 posts that is tens of megabytes.
 *
 * @param value
 *   Text.
 * @returns
 *   The same text.
 */
export function compactString(value: string): string {
  return wide.test(value) ? value : decoder.decode(encoder.encode(value))
}
