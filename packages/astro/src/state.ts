import type { Page } from '@galley/core'

const key = Symbol.for('@galley/astro:rendered')
const shared = globalThis as { [key]?: Map<string, Array<Page<unknown>>> }

/**
 * What the loaders of this process rendered, by collection, for the
 * integration's `astro:build:done` (feeds): `astro build` loads content and
 * builds pages in one process, but loads `content.config.ts` through Vite,
 * so the loader and the integration are two instances of this module; the
 * map lives on `globalThis` to be one.
 */
export const rendered: Map<string, Array<Page<unknown>>> = shared[key] ?? new Map()
// own-key: `key` is a symbol of this module.
shared[key] = rendered
