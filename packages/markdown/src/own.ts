/**
 * An option as set on the object itself, never inherited: a polluted
 * `Object.prototype` cannot turn a safety setting off.
 *
 * @returns
 *   The own value, or `undefined`.
 */
export function own<T extends object, K extends keyof T>(object: T, key: K): T[K] | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined
}
