/** The `source` of every message this package adds. */
export const source = '@galley/markdown'
