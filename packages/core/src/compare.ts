import type { PostData } from './types.js'

/**
 * `a.localeCompare(b)`, by one collator made once (the same order: both
 * use the default locale), which is many times faster on long lists.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare

/** A post's `weight` (own, finite), else one after every weight. */
export function weightOf(data: PostData): number {
  const record = data as unknown as Record<string, unknown>
  const weight = Object.hasOwn(record, 'weight') ? record.weight : undefined
  return typeof weight === 'number' && Number.isFinite(weight) ? weight : Number.MAX_VALUE
}
