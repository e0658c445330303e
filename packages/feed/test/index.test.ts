import { type Feed, rss, validateFeed } from '@galley/feed'
import { parseFeed } from '@rowanmanning/feed-parser'
import { describe, expect, it } from 'vitest'
import { fromXml } from 'xast-util-from-xml'

const feed: Feed = {
  title: 'Notes & <Drafts>',
  site: 'https://blog.test/',
  feedUrl: 'https://blog.test/rss.xml',
  description: 'A blog',
  language: 'en',
  items: [
    {
      title: 'Second \u0007post',
      url: '/posts/second/',
      published: new Date('2018-04-24T00:00:00Z'),
      summary: 'Uses <b> & "quotes"',
      categories: ['fedora', 'atomic']
    },
    {
      title: 'First post',
      url: 'https://blog.test/posts/first/',
      published: new Date('2018-04-23T00:00:00Z')
    }
  ]
}

describe('@galley/feed', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/feed')).sort()).toEqual([
      'assertFeed',
      'rss',
      'validateFeed'
    ])
  })

  it('should write RSS 2.0 that is well-formed and that a feed reader reads back', () => {
    const value = rss(feed)
    expect(() => fromXml(value)).not.toThrow()
    const parsed = parseFeed(value)
    expect(parsed.meta.type).toBe('rss')
    expect(parsed.title).toBe('Notes & <Drafts>')
    expect(parsed.url).toBe('https://blog.test/')
    expect(
      parsed.items.map((item) => [item.title, item.url, item.published?.toISOString()])
    ).toEqual([
      ['Second post', 'https://blog.test/posts/second/', '2018-04-24T00:00:00.000Z'],
      ['First post', 'https://blog.test/posts/first/', '2018-04-23T00:00:00.000Z']
    ])
    expect(parsed.items[0]?.categories.map((category) => category.term)).toEqual([
      'fedora',
      'atomic'
    ])
  })

  it('should escape by construction and write RFC 822 dates and a self link', () => {
    const value = rss(feed)
    expect(value).toContain('<title>Notes &#x26; &#x3C;Drafts></title>')
    expect(value).toContain('<description>Uses &#x3C;b> &#x26; "quotes"</description>')
    expect(value).toContain('<pubDate>Tue, 24 Apr 2018 00:00:00 GMT</pubDate>')
    expect(value).toContain('<lastBuildDate>Tue, 24 Apr 2018 00:00:00 GMT</lastBuildDate>')
    expect(value).toContain(
      '<atom:link href="https://blog.test/rss.xml" rel="self" type="application/rss+xml"></atom:link>'
    )
    expect(value).toContain('<guid isPermaLink="true">https://blog.test/posts/second/</guid>')
    expect(value).not.toContain('\u0007')
    expect(value).not.toContain('xmlns:content')
  })

  it('should give byte-identical output for the same input', () => {
    expect(rss(feed)).toBe(rss(structuredClone(feed)))
  })

  it('should write full content and the author as `dc:creator`, declaring namespaces', () => {
    const value = rss({
      ...feed,
      author: { name: 'Ann' },
      items: feed.items.slice(1).map((item) => ({ ...item, contentHtml: '<p>Hi</p>' }))
    })
    expect(value).toContain('xmlns:content="http://purl.org/rss/1.0/modules/content/"')
    expect(value).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"')
    expect(value).toContain('<content:encoded>&#x3C;p>Hi&#x3C;/p></content:encoded>')
    expect(value).toContain('<dc:creator>Ann</dc:creator>')
    expect(parseFeed(value).items[0]?.content).toBe('<p>Hi</p>')
  })

  it('should report every problem of an invalid model at once, and refuse to write it', () => {
    const bad = {
      title: '',
      site: 'blog',
      feedUrl: 'https://blog.test/rss.xml',
      items: [{ title: 'x', url: '/a/', published: new Date('nope') }, 'oops']
    }
    expect(validateFeed(bad)).toEqual([
      { path: 'title', reason: 'expected a non-empty string' },
      { path: 'site', reason: 'expected an absolute URL' },
      { path: 'items[0].published', reason: 'expected a valid `Date`' },
      { path: 'items[0].url', reason: 'expected a URL (relative URLs need an absolute `site`)' },
      { path: 'items[1]', reason: 'expected an object' }
    ])
    // @ts-expect-error: check how invalid input is handled.
    expect(() => rss(bad)).toThrow(
      /^Invalid feed:\n- `title`: expected a non-empty string\n- `site`/
    )
  })
})
