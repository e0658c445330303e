/** The `source` of every message core adds. */
export const source = '@galley/core'
