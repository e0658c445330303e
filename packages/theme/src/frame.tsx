import type { Site } from '@galley/core'
import type { Root } from 'hast'
import type { Child } from 'hastscript'
import { type HeadInput, headOf } from './head.js'
import { katexStylesheet } from './markdown.js'
import type { NavLink, Settings } from './options.js'
import { stylesheet } from './styles.js'

/**
 * The page every layout shares: `<head>` with its metadata, a skip link,
 * the site's header and navigation, `<main>` with the content, a footer.
 *
 * @param settings
 *   Theme settings.
 * @param head
 *   The page's metadata (`headOf`).
 * @param content
 *   What goes in `<main>`.
 * @returns
 *   Document.
 */
export function frame(
  settings: Settings,
  head: Readonly<HeadInput> & { site: Site<unknown> },
  content: ReadonlyArray<Child>
): Root {
  const { site } = head
  const css = stylesheet(settings.accent)
  return (
    <>
      {{ type: 'doctype' }}
      <html lang={site.language ?? 'en'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {headOf({ author: settings.author, image: settings.image, ...head })}
          <style>{css}</style>
          {head.math ? <link rel="stylesheet" href={katexStylesheet} /> : ''}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="wrap">
              <a class="site-title" href="/">
                {site.title}
              </a>
              <nav class="site-nav" aria-label="Site">
                <ul>
                  {navOf(settings, site).map((link) => (
                    <li>
                      <a href={link.href}>{link.text}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" class="wrap">
            {content as Child}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              {site.description ? <p>{site.description}</p> : ''}
              {site.feeds ? (
                <p>
                  Follow: <a href={site.feeds.rss}>RSS</a>
                  {site.feeds.atom ? [' · ', <a href={site.feeds.atom}>Atom</a>] : ''}
                  {site.feeds.json ? [' · ', <a href={site.feeds.json}>JSON Feed</a>] : ''}
                </p>
              ) : (
                ''
              )}
            </div>
          </footer>
        </body>
      </html>
    </>
  ) as Root
}

/** The navigation: as given, else the posts, the archive and the tags' index. */
function navOf(settings: Settings, site: Site<unknown>): ReadonlyArray<NavLink> {
  if (settings.nav) return settings.nav
  const links: NavLink[] = [{ text: 'Posts', href: '/' }]
  if (site.archiveUrl) links.push({ text: 'Archive', href: site.archiveUrl })
  const tags = Object.hasOwn(site.termIndexes, 'tags') ? site.termIndexes.tags : undefined
  if (tags) links.push({ text: 'Tags', href: tags })
  return links
}
