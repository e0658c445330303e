import type { Feed } from '@galley/feed'

/** The smallest feed: one item with a title. */
export const minimal: Feed = {
  title: 'Notes',
  site: 'https://blog.test/',
  feedUrl: 'https://blog.test/rss.xml',
  items: [{ title: 'First', url: '/posts/first/', published: new Date('2018-04-23T00:00:00Z') }]
}

/** Every field. */
export const full: Feed = {
  title: 'Crumb & Crust',
  site: 'https://blog.test/',
  feedUrl: 'https://blog.test/atom.xml',
  description: 'Notes from a home baker',
  language: 'en-GB',
  authors: [{ name: 'Ann Baker', email: 'ann@blog.test', url: 'https://blog.test/about/' }],
  image: '/icon.png',
  ttl: 60,
  stylesheet: '/feed.xsl',
  items: [
    {
      title: 'Second <post> & "quotes"',
      url: '/posts/second/',
      published: new Date('2018-04-24T10:30:00Z'),
      updated: new Date('2018-04-25T08:00:00Z'),
      summary: 'Uses <b> & friends',
      contentHtml:
        '<p>See <a href="../first/#intro">the first</a> and <img src="img/a.png" srcset="img/a.png 1x, /img/b.png 2x" alt="A">.</p><pre><code>&lt;a href="relative"&gt;</code></pre><script>alert(1)</script><p onclick="x()">Click</p><iframe src="https://evil.test"></iframe>',
      categories: ['sourdough', 'basics'],
      authors: [{ name: 'Bo', url: 'https://bo.test/' }],
      image: 'cover.jpg',
      enclosures: [{ url: '/audio/second.mp3', type: 'audio/mpeg', length: 123_456 }]
    },
    {
      id: 'tag:blog.test,2018:first',
      title: 'First',
      url: 'https://blog.test/posts/first/',
      published: new Date('2018-04-23T00:00:00Z')
    },
    {
      url: '/posts/untitled/',
      summary: 'An item with only a description',
      published: new Date('2018-04-20T00:00:00Z')
    }
  ]
}

/** Text that breaks careless writers. */
export const tricky: Feed = {
  title: 'Bad \u0001chars ]]> & <tags> "q" \uD800 end',
  site: 'https://blog.test/',
  feedUrl: 'https://blog.test/feed.json',
  items: [
    {
      title: '\u0007Bell ]]> <![CDATA[ x ]]>',
      url: '/a/',
      published: new Date('2020-02-29T23:59:59Z'),
      summary: 'Tab\there, form\u000Cfeed, \uFFFE and \uDC00',
      contentHtml: '<p>]]&gt; &amp; <b>bold</b>\u0000</p>',
      categories: ['a & b', '<c>']
    }
  ]
}

export const fixtures: Record<string, Feed> = { minimal, full, tricky }
