/**
 * `a.localeCompare(b)`, by one collator made once (the same order: both
 * use the default locale), which is many times faster on long lists.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare
