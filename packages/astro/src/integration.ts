import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createFeeds, type GalleyConfig, type Page } from '@galley/core'
import { writeInto } from '@galley/core/node'
import { checkSite } from '@galley/links/node'
import type { AstroIntegration } from 'astro'
import { reporter } from 'vfile-reporter'
import { rendered } from './state.js'

/** Configuration of the integration: feeds, links, and where posts are published. */
export interface IntegrationOptions extends Omit<GalleyConfig, 'site'> {
  /** Absolute URL of the site (default: Astro's `site`). */
  site?: string | URL | null | undefined
  /** The Astro collection whose entries go in the feeds (default: `'posts'`). */
  collection?: string | null | undefined
}

/**
 * The Galley integration: when `astro build` is done, check every link and
 * anchor of the built pages (warnings through Astro's logger, at the HTML
 * line and column) and write the RSS, Atom and JSON feeds of the posts that
 * `galleyLoader` loaded, at the URLs of `permalink` (make it match your
 * Astro route, such as `'/posts/:slug/'`).
 *
 * @param options
 *   Configuration.
 * @returns
 *   Astro integration.
 */
export function galley(options: Readonly<IntegrationOptions> = {}): AstroIntegration {
  let site: string | undefined
  return {
    name: '@galley/astro',
    hooks: {
      'astro:config:done'({ config }) {
        site = String(options.site ?? config.site ?? '')
      },
      async 'astro:build:done'({ dir, logger }) {
        if (!site) {
          logger.warn('No `site` in the Astro config or the Galley options: no feeds written')
          return
        }
        const out = path.resolve(fileURLToPath(dir))
        const pages = (rendered.get(options.collection ?? 'posts') ?? []) as Array<Page<never>>
        const config = { ...options, site } as GalleyConfig
        const feeds = createFeeds(pages, config)
        await writeInto(out, feeds)
        if (feeds.length > 0) logger.info(`wrote ${feeds.length} feeds`)
        if (options.links === false) return
        const checked = await checkSite(out, {
          site: new URL(site),
          skip: options.links?.skip,
          routes: options.links?.routes
        })
        const noisy = checked.filter((file) => file.messages.length > 0)
        if (noisy.length > 0) logger.warn(reporter(noisy, { quiet: true }))
      }
    }
  }
}
