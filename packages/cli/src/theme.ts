import type { GalleyConfig, OutputFile } from '@galley/core'
import { katexAssets, theme, themeImageSizes, themeMarkdown } from '@galley/theme'

/** Configs whose posts the theme lays out (`withTheme` made them). */
const themed = new WeakSet<GalleyConfig>()

/**
 * A config with the default theme filled in, the one place `galley build`,
 * `galley dev` and `galley check` decide it: without `layouts`, every
 * layout is the theme's; with some, the theme gives the rest (a config
 * can replace the post layout alone); content collections without a
 * `layout` get the theme's page layout (`layout: null` keeps one
 * unwritten). `layouts: null` turns pages off (only feeds and the sitemap
 * are written). When the theme lays out posts, the Markdown features it
 * styles (`themeMarkdown`: alerts, directives, emoji, `[[toc]]`, heading
 * links) are on, under the config's own `markdown` settings, and
 * responsive images get the theme's `sizes` unless the config names them.
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
  const posts = !config.layouts?.post
  const result: GalleyConfig = {
    ...config,
    ...(collections ? { collections } : {}),
    ...(posts
      ? { markdown: { ...themeMarkdown, ...config.markdown }, images: themedImages(config.images) }
      : {}),
    layouts: { ...layouts, ...config.layouts }
  }
  if (posts) themed.add(result)
  return result
}

/**
 * Files the theme adds to a site: KaTeX's stylesheet and fonts when the
 * theme lays out posts and `markdown.math` is on (pages with math link
 * them), else none.
 *
 * @param config
 *   Configuration as `withTheme` gave it.
 * @returns
 *   Files to copy into the site.
 */
export async function themeAssets(config: GalleyConfig): Promise<OutputFile[]> {
  return themed.has(config) && config.markdown?.math ? katexAssets() : []
}

/** `images` with the theme's `sizes` for responsive images that name none. */
function themedImages(images: GalleyConfig['images']): GalleyConfig['images'] {
  if (!images || images === true || !images.responsive) return images
  const responsive = images.responsive === true ? {} : images.responsive
  if (responsive.sizes) return images
  return { ...images, responsive: { ...responsive, sizes: themeImageSizes } }
}
