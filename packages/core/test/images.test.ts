import { describe, expect, it } from 'vitest'
import { type CachedRender, createGalley } from '../src/index.js'
import { post } from './fixtures.js'

const images: Array<[string, { width: number; height: number; format: string; bytes: number }]> = [
  ['/img/map.png', { width: 300, height: 200, format: 'png', bytes: 900 }],
  ['content/trip/train.jpg', { width: 640, height: 480, format: 'jpeg', bytes: 9000 }]
]

describe('images in a build', () => {
  it('should size each image from `images`, by URL or beside its page, and render it again when its file changes', async () => {
    const cache = new Map<string, CachedRender>()
    const galley = createGalley({
      site: 'https://b.test',
      feed: false,
      cache: { get: (key) => cache.get(key), set: (key, value) => void cache.set(key, value) }
    })
    const files = () => [
      post(
        'content/trip/index.md',
        'title: Trip\ndate: 2020-01-01',
        '![Train](train.jpg)\n\n![Map](/img/map.png)\n'
      )
    ]
    const first = await galley.build(files(), { images })
    expect(first.pages[0]?.html).toBe(
      '<p><img src="train.jpg" alt="Train" width="640" height="480"></p>\n<p><img src="/img/map.png" alt="Map" loading="lazy" decoding="async" width="300" height="200"></p>'
    )
    // The same inputs: from the cache. A changed image: rendered again, with its new size.
    const again = await galley.build(files(), { images })
    expect(again.renders).toMatchObject({ rendered: 0, cached: 1 })
    const changed = await galley.build(files(), {
      images: [
        images[0] as (typeof images)[0],
        ['content/trip/train.jpg', { width: 320, height: 240, format: 'jpeg', bytes: 4000 }]
      ]
    })
    expect(changed.renders).toMatchObject({ rendered: 1, cached: 0 })
    expect(changed.pages[0]?.html).toContain(
      '<img src="train.jpg" alt="Train" width="320" height="240">'
    )
  })

  it('should leave images as written with `images: false`', async () => {
    const galley = createGalley({
      site: 'https://b.test',
      feed: false,
      links: false,
      images: false
    })
    const result = await galley.build(
      [
        post('content/a.md', 'title: A\ndate: 2020-01-01', '![](/img/map.png) ![B](/img/map.png)\n')
      ],
      { images }
    )
    expect(result.pages[0]?.html).toBe(
      '<p><img src="/img/map.png" alt=""> <img src="/img/map.png" alt="B"></p>'
    )
    expect(result.files[0]?.messages).toEqual([])
  })
})
