import { atom, createFeedMemo, type Feed, jsonFeed, rss } from '@galley/feed'
import { afterEach, describe, expect, it } from 'vitest'
import { prototypeKeys, readFixtures } from '../../../test-support/security.js'
import { executableParts, feedItemsHtml } from '../../../test-support/xss.js'

/** The raw-HTML blocks of the classic payloads fixture, one item each. */
function payloads(): string[] {
  const text = readFixtures('xss').get('classic.md') ?? ''
  return text
    .split(/\n{2,}/)
    .filter((block) => block.startsWith('<') && !block.startsWith('<javascript:'))
}

function feedOf(html: ReadonlyArray<string>, extra?: Partial<Feed>): Feed {
  return {
    title: 'Payloads',
    site: 'https://example.com/',
    feedUrl: 'https://example.com/rss.xml',
    items: html.map((contentHtml, index) => ({
      url: `/posts/${index}/`,
      title: `Payload ${index}`,
      published: new Date(Date.UTC(2018, 4, 1, 0, index)),
      contentHtml
    })),
    ...extra
  }
}

describe('feed content safety', () => {
  afterEach(() => {
    expect(prototypeKeys()).toEqual([])
  })

  it('should leave nothing executable in any format, for each classic payload', () => {
    const html = payloads()
    expect(html.length).toBeGreaterThan(35)
    for (const write of [rss, atom, jsonFeed]) {
      const items = feedItemsHtml(write(feedOf(html)))
      expect(items).toHaveLength(html.length)
      const findings = items.flatMap((item, index) =>
        executableParts(item).map((finding) => `${html[index]} → ${finding}`)
      )
      expect(findings, write.name).toEqual([])
    }
  })

  it('should read protocols as browsers do: after entities, and without the characters they ignore', () => {
    const html = [
      '<a href="jav&#x0A;ascript:alert(1)">a</a>',
      '<a href="&#14;javascript:alert(1)">b</a>',
      '<a href="java\tscript:alert(1)">c</a>',
      '<a href="  JAVASCRIPT:alert(1)">d</a>',
      '<button formaction="javascript:alert(1)">e</button>',
      '<svg><a xlink:href="javascript:alert(1)">f</a></svg>',
      '<a href="vbscript:x">g</a>',
      '<a href="data:text/html,x">h</a>'
    ]
    const items = feedItemsHtml(jsonFeed(feedOf(html)))
    expect(items).toEqual([
      '<a>a</a>',
      '<a>b</a>',
      '<a>c</a>',
      '<a>d</a>',
      '<button>e</button>',
      '<svg><a>f</a></svg>',
      '<a>g</a>',
      '<a>h</a>'
    ])
  })

  it('should prefix `name` attributes, so content cannot replace `document.cookie` and such', () => {
    const items = feedItemsHtml(
      jsonFeed(feedOf(['<img name="cookie" src="a.png"><form name="user-content-x"></form>']))
    )
    expect(items).toEqual([
      '<img name="user-content-cookie" src="https://example.com/posts/0/a.png"><form name="user-content-x"></form>'
    ])
  })

  it('should keep safe content, make URLs absolute, and keep code as written', () => {
    const items = feedItemsHtml(
      jsonFeed(
        feedOf([
          '<p><a href="../other/">rel</a> <a href="mailto:a@b.test">mail</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"></p>',
          '<pre><code><a href="./here">here</a></code></pre>',
          '<img srcset="a.png 1x, javascript:alert(1) 2x" src="a.png">'
        ])
      )
    )
    expect(items).toEqual([
      '<p><a href="https://example.com/posts/other/">rel</a> <a href="mailto:a@b.test">mail</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"></p>',
      '<pre><code><a href="./here">here</a></code></pre>',
      '<img srcset="https://example.com/posts/2/a.png 1x" src="https://example.com/posts/2/a.png">'
    ])
  })

  it('should keep everything with `unsafeContent` set on the feed, and only then', () => {
    const html = ['<p onclick="go()">x</p><script>go()</script>']
    const kept = feedItemsHtml(jsonFeed(feedOf(html, { unsafeContent: true })))
    expect(kept).toEqual(['<p onclick="go()">x</p><script>go()</script>'])
    // An inherited `unsafeContent` (a polluted prototype) turns nothing off.
    const proto = Object.prototype as Record<string, unknown>
    proto.unsafeContent = true
    try {
      // (hast-util-to-html prints inherited properties, hence no exact match.)
      const [item = ''] = feedItemsHtml(jsonFeed(feedOf(html)))
      expect(executableParts(item)).toEqual([])
      expect(item).not.toMatch(/script|onclick/)
    } finally {
      delete proto.unsafeContent
    }
  })

  it('should give the same feeds with a shared memo, cleaning each item once', () => {
    const html = payloads()
    const memo = createFeedMemo()
    for (const write of [rss, atom, jsonFeed]) {
      expect(write(feedOf(html), { memo })).toBe(write(feedOf(html)))
    }
    // One cleaned entry per item, shared by the three formats.
    const entries = [...memo.content.values()].reduce((sum, map) => sum + map.size, 0)
    expect(entries).toBe(html.length)
    // Kept apart by the safety setting: an unsafe write never reuses a safe entry, or back.
    const unsafe = jsonFeed(feedOf(['<script>x()</script>'], { unsafeContent: true }), { memo })
    const safe = jsonFeed(feedOf(['<script>x()</script>']), { memo })
    expect(feedItemsHtml(unsafe)).toEqual(['<script>x()</script>'])
    expect(feedItemsHtml(safe)).toEqual([''])
  })
})
