import type { GalleyConfig } from '@galley/core'
import { theme } from '@galley/theme'

/**
 * A config with the default theme filled in, the one place `galley build`,
 * `galley dev` and `galley check` decide it: without `layouts`, every
 * layout is the theme's; with some, the theme gives the rest (a config
 * can replace the post layout alone); content collections without a
 * `layout` get the theme's page layout (`layout: null` keeps one
 * unwritten). `layouts: null` turns pages off (only feeds and the sitemap
 * are written).
 *
 * @param config
 *   Configuration as loaded.
 * @returns
 *   Configuration with layouts.
 */
export function withTheme(config: GalleyConfig): GalleyConfig {
  if (config.layouts === null) return config
  const layouts = theme()
  const collections = config.collections
    ? Object.fromEntries(
        Object.entries(config.collections).map(([name, collection]) => [
          name,
          collection.type === 'data' || collection.layout !== undefined
            ? collection
            : { ...collection, layout: layouts.page }
        ])
      )
    : undefined
  return {
    ...config,
    ...(collections ? { collections } : {}),
    layouts: { ...layouts, ...config.layouts }
  }
}
