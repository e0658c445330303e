/**
 * Write a value as a JavaScript expression: JSON, plus `Date`s (which JSON
 * would turn into strings) as `new Date(…)`.
 *
 * @param value
 *   Plain data: front matter, headings.
 * @returns
 *   JavaScript expression.
 */
export function toJs(value: unknown): string {
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`
  if (Array.isArray(value)) return `[${value.map(toJs).join(', ')}]`
  if (value && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => `${JSON.stringify(key)}: ${toJs(field)}`)
    return `{${fields.join(', ')}}`
  }
  return value === undefined ? 'undefined' : JSON.stringify(value)
}
