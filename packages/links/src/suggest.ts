import leven from 'leven'

/**
 * The candidates closest to `value` by edit distance, best first: at most
 * three, and none further than about a third of the value's length.
 *
 * @param value
 *   What was written.
 * @param candidates
 *   What exists.
 * @returns
 *   Suggestions (possibly none).
 */
export function suggest(value: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(value.length / 3))
  const scored: Array<{ candidate: string; distance: number }> = []
  const lower = value.toLowerCase()
  for (const candidate of new Set(candidates)) {
    // Lengths further apart than the limit cannot be within it.
    if (Math.abs(candidate.length - value.length) > limit) continue
    const distance = leven(lower, candidate.toLowerCase())
    if (distance <= limit) scored.push({ candidate, distance })
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map((item) => item.candidate)
}

/** `; did you mean `a` or `b`` for a message reason, or nothing. */
export function didYouMean(suggestions: ReadonlyArray<string>): string {
  if (suggestions.length === 0) return ''
  return `; did you mean ${suggestions.map((item) => `\`${item}\``).join(' or ')}`
}
