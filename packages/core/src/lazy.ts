/**
 * Put `value` on `target` as a plain writable field named `key`, in place
 * of a lazy accessor (a resumed page's field, a content file's `value`):
 * once read or set, it is an ordinary property.
 */
export function settleField(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  })
}
