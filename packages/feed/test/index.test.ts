import { atom, type Feed, jsonFeed, rss, validateFeed } from '@galley/feed'
import { parseFeed } from '@rowanmanning/feed-parser'
import { describe, expect, it } from 'vitest'
import { fromXml } from 'xast-util-from-xml'
import { fixtures, full, minimal, tricky } from './fixtures.js'
import { rssRules } from './rss-rules.js'

describe('@galley/feed', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/feed')).sort()).toEqual([
      'assertFeed',
      'atom',
      'createFeedMemo',
      'jsonFeed',
      'rss',
      'validateFeed'
    ])
  })

  it('should write well-formed XML and valid JSON for every fixture', () => {
    for (const [name, feed] of Object.entries(fixtures)) {
      expect(() => fromXml(rss(feed)), `${name} rss`).not.toThrow()
      expect(() => fromXml(atom(feed)), `${name} atom`).not.toThrow()
      expect(() => JSON.parse(jsonFeed(feed)), `${name} json`).not.toThrow()
    }
  })

  it('should give byte-identical output for the same input, in each format', () => {
    for (const write of [rss, atom, jsonFeed]) {
      expect(write(full)).toBe(write(structuredClone(full)))
    }
  })

  it('should pass the W3C-named RSS rules for every fixture', () => {
    for (const feed of Object.values(fixtures)) expect(rssRules(rss(feed))).toEqual([])
    // And the rules catch what they are named after.
    const broken =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.test/</link><description>d</description>' +
      '<item><author>Ann</author><pubDate>23/04/2018</pubDate><content:encoded>&lt;a href="/rel"&gt;x&lt;/a&gt;</content:encoded></item></channel></rss>'
    expect(rssRules(broken)).toEqual([
      'ContainsRelRef',
      'InvalidContact',
      'InvalidRFC2822Date',
      'ItemMustContainTitleOrDescription',
      'MissingAtomSelfLink',
      'UndeclaredPrefix'
    ])
  })
})

describe('rss', () => {
  const value = rss(full)

  it('should write the channel and every item field', () => {
    expect(value).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><\?xml-stylesheet type="text\/xsl" href="\/feed.xsl"\?><rss version="2.0" xmlns:atom="http:\/\/www.w3.org\/2005\/Atom" xmlns:content="http:\/\/purl.org\/rss\/1.0\/modules\/content\/" xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/">/
    )
    expect(value).toContain('<title>Crumb &#x26; Crust</title>')
    expect(value).toContain('<language>en-GB</language>')
    expect(value).toContain('<lastBuildDate>Wed, 25 Apr 2018 08:00:00 GMT</lastBuildDate>')
    expect(value).toContain('<ttl>60</ttl>')
    expect(value).toContain(
      '<image><url>https://blog.test/icon.png</url><title>Crumb &#x26; Crust</title><link>https://blog.test/</link></image>'
    )
    expect(value).toContain(
      '<atom:link href="https://blog.test/atom.xml" rel="self" type="application/rss+xml"></atom:link>'
    )
    expect(value).toContain('<guid isPermaLink="true">https://blog.test/posts/second/</guid>')
    expect(value).toContain('<guid isPermaLink="false">tag:blog.test,2018:first</guid>')
    expect(value).toContain('<dc:creator>Bo</dc:creator>')
    expect(value).toContain('<author>ann@blog.test (Ann Baker)</author>')
    expect(value).toContain(
      '<enclosure url="https://blog.test/audio/second.mp3" type="audio/mpeg" length="123456"></enclosure>'
    )
    expect(value).toContain('<category>sourdough</category><category>basics</category>')
    expect(value).toContain('<item><link>https://blog.test/posts/untitled/</link>')
  })

  it('should declare only the namespaces it uses', () => {
    expect(rss(minimal)).toContain('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">')
  })

  it('should be read back by a feed reader', () => {
    const parsed = parseFeed(value)
    expect(parsed.meta.type).toBe('rss')
    expect(
      parsed.items.map((item) => [item.title, item.url, item.published?.toISOString()])
    ).toEqual([
      ['Second <post> & "quotes"', 'https://blog.test/posts/second/', '2018-04-24T10:30:00.000Z'],
      ['First', 'https://blog.test/posts/first/', '2018-04-23T00:00:00.000Z'],
      [null, 'https://blog.test/posts/untitled/', '2018-04-20T00:00:00.000Z']
    ])
    expect(parsed.items[0]?.content).toContain(
      '<a href="https://blog.test/posts/first/#intro">the first</a>'
    )
  })
})

describe('atom', () => {
  const value = atom(full)

  it('should write ids, links, dates, authors, content and enclosures', () => {
    expect(value).toContain(
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB"><id>https://blog.test/atom.xml</id>'
    )
    expect(value).toContain('<updated>2018-04-25T08:00:00Z</updated>')
    expect(value).toContain(
      '<link rel="self" type="application/atom+xml" href="https://blog.test/atom.xml"></link>'
    )
    expect(value).toContain(
      '<link rel="alternate" type="text/html" href="https://blog.test/"></link>'
    )
    expect(value).toContain(
      '<author><name>Ann Baker</name><email>ann@blog.test</email><uri>https://blog.test/about/</uri></author>'
    )
    expect(value).toContain(
      '<published>2018-04-24T10:30:00Z</published><updated>2018-04-25T08:00:00Z</updated>'
    )
    expect(value).toContain(
      '<content type="html">&#x3C;p>See &#x3C;a href="https://blog.test/posts/first/#intro">'
    )
    expect(value).toContain('<category term="sourdough"></category>')
    expect(value).toContain(
      '<link rel="enclosure" href="https://blog.test/audio/second.mp3" type="audio/mpeg" length="123456"></link>'
    )
    expect(value).toContain(
      '<entry><id>https://blog.test/posts/untitled/</id><title>An item with only a description</title>'
    )
  })

  it('should name the feed as author when nobody else is', () => {
    expect(atom(minimal)).toContain('<author><name>Notes</name></author>')
  })

  it('should be read back by a feed reader', () => {
    const parsed = parseFeed(value)
    expect(parsed.meta.type).toBe('atom')
    expect(parsed.title).toBe('Crumb & Crust')
    expect(parsed.items.map((item) => [item.title, item.url, item.updated?.toISOString()])).toEqual(
      [
        ['Second <post> & "quotes"', 'https://blog.test/posts/second/', '2018-04-25T08:00:00.000Z'],
        ['First', 'https://blog.test/posts/first/', '2018-04-23T00:00:00.000Z'],
        [
          'An item with only a description',
          'https://blog.test/posts/untitled/',
          '2018-04-20T00:00:00.000Z'
        ]
      ]
    )
  })
})

describe('jsonFeed', () => {
  it('should write JSON Feed 1.1', () => {
    const value = JSON.parse(jsonFeed(full))
    expect(value.version).toBe('https://jsonfeed.org/version/1.1')
    expect(value.feed_url).toBe('https://blog.test/atom.xml')
    expect(value.authors).toEqual([{ name: 'Ann Baker', url: 'https://blog.test/about/' }])
    expect(value.items[0]).toMatchObject({
      id: 'https://blog.test/posts/second/',
      title: 'Second <post> & "quotes"',
      summary: 'Uses <b> & friends',
      image: 'https://blog.test/posts/second/cover.jpg',
      date_published: '2018-04-24T10:30:00Z',
      date_modified: '2018-04-25T08:00:00Z',
      tags: ['sourdough', 'basics'],
      authors: [{ name: 'Bo', url: 'https://bo.test/' }],
      attachments: [
        {
          url: 'https://blog.test/audio/second.mp3',
          mime_type: 'audio/mpeg',
          size_in_bytes: 123456
        }
      ]
    })
    expect(value.items[2]).toMatchObject({ content_text: 'An item with only a description' })
    expect(value.items[2].content_html).toBe(undefined)
  })
})

describe('content', () => {
  it('should make URLs absolute, leave code alone and drop scripts and handlers', () => {
    const content = JSON.parse(jsonFeed(full)).items[0].content_html
    expect(content).toBe(
      '<p>See <a href="https://blog.test/posts/first/#intro">the first</a> and <img src="https://blog.test/posts/second/img/a.png" srcset="https://blog.test/posts/second/img/a.png 1x, https://blog.test/img/b.png 2x" alt="A">.</p><pre><code>&#x3C;a href="relative"></code></pre><p>Click</p>'
    )
  })

  it('should drop KaTeX’s HTML copy of a formula and heading anchor links, keeping MathML and the heading', () => {
    const item = {
      title: 'Math',
      url: '/posts/math/',
      published: new Date('2024-01-01T00:00:00Z'),
      contentHtml:
        '<div class="heading-wrapper level-h2"><h2 id="sum">Sum</h2><a class="heading-anchor" href="#sum" aria-label="Section titled “Sum”"><span aria-hidden="true">#</span></a></div><p><span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span><span class="katex-html" aria-hidden="true"><span class="mord">x</span></span></span></p>'
    }
    for (const unsafeContent of [false, true]) {
      const content = JSON.parse(jsonFeed({ ...full, unsafeContent, items: [item] })).items[0]
        .content_html
      expect(content).toBe(
        '<div class="heading-wrapper level-h2"><h2 id="sum">Sum</h2></div><p><span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span></span></p>'
      )
    }
  })

  it('should keep scripts when asked', () => {
    const content = JSON.parse(jsonFeed({ ...full, unsafeContent: true })).items[0].content_html
    expect(content).toContain('<script>alert(1)</script>')
    expect(content).toContain('onclick="x()"')
  })

  it('should strip characters XML forbids from every field', () => {
    for (const value of [rss(tricky), atom(tricky)]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids.
      expect(value).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/)
      expect(() => fromXml(value)).not.toThrow()
    }
    expect(parseFeed(rss(tricky)).title).toBe('Bad chars ]]> & <tags> "q"  end')
  })
})

describe('validateFeed', () => {
  it('should report every problem of an invalid model at once, and refuse to write it', () => {
    const bad = {
      title: '',
      site: 'blog',
      feedUrl: 'https://blog.test/rss.xml',
      language: 'English',
      ttl: 0,
      authors: [{ name: 'Ann', email: 'not-an-email' }],
      items: [
        { url: '/a/', published: new Date('nope') },
        {
          title: 'x',
          url: 'https://blog.test/b/',
          published: new Date(0),
          enclosures: [{ url: '/e.mp3', type: 'mp3', length: -1 }]
        },
        { title: 'dup', url: 'https://blog.test/b/', published: new Date(0) },
        'oops'
      ]
    }
    expect(validateFeed(bad)).toEqual([
      { path: 'title', reason: 'expected a non-empty string' },
      { path: 'language', reason: 'expected a language tag such as `en` or `en-GB`' },
      { path: 'site', reason: 'expected an absolute URL' },
      { path: 'ttl', reason: 'expected a whole number greater than 0' },
      { path: 'authors[0].email', reason: 'expected an email address' },
      {
        path: 'items[0]',
        reason:
          'expected a `title`, a `summary` or `contentHtml`: an item must have a title or a description'
      },
      { path: 'items[0].published', reason: 'expected a valid `Date`' },
      { path: 'items[0].url', reason: 'expected a URL (relative URLs need an absolute `site`)' },
      { path: 'items[1].enclosures[0].type', reason: 'expected a MIME type such as `audio/mpeg`' },
      {
        path: 'items[1].enclosures[0].length',
        reason: 'expected a size in bytes (a whole number)'
      },
      {
        path: 'items[2].id',
        reason: 'expected a unique id, `https://blog.test/b/` is also the id of `items[1]`'
      },
      { path: 'items[3]', reason: 'expected an object' }
    ])
    for (const write of [rss, atom, jsonFeed]) {
      // @ts-expect-error: check how invalid input is handled.
      expect(() => write(bad)).toThrow(
        /^Invalid feed:\n- `title`: expected a non-empty string\n- `language`/
      )
    }
  })

  it('should honour `limit` and an explicit `updated`', () => {
    const feed: Feed = { ...full, limit: 1, updated: new Date('2019-01-01T00:00:00Z') }
    const value = JSON.parse(jsonFeed(feed))
    expect(value.items).toHaveLength(1)
    expect(atom(feed)).toContain('<updated>2019-01-01T00:00:00Z</updated>')
  })
})
