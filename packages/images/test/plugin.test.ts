import { createMarkdownProcessor } from '@galley/markdown'
import type { VFile } from 'vfile'
import { VFile as File } from 'vfile'
import { describe, expect, it } from 'vitest'
import { type ImageLookup, type Options, rehypeGalleyImages } from '../src/index.js'

const train = { width: 640, height: 480, format: 'jpeg', bytes: 52_000 }
const known: Record<string, ImageLookup> = {
  'train.jpg': train,
  '/img/map.png': { width: 300, height: 200, format: 'png', bytes: 900 },
  'text.png': { reason: 'Input buffer contains unsupported image format' },
  'cut.jpg': { ...train, bytes: 4000, variantsFailed: 'its pixels are cut off or corrupt' },
  'wide.jpg': {
    ...train,
    variants: [
      { url: '/_galley/images/wide-1-320.webp', width: 320, height: 240, format: 'webp' },
      { url: '/_galley/images/wide-1-640.webp', width: 640, height: 480, format: 'webp' },
      { url: '/_galley/images/wide-1-320.avif', width: 320, height: 240, format: 'avif' }
    ]
  }
}
const lookup = (src: string) => (Object.hasOwn(known, src) ? known[src] : undefined)

async function render(markdown: string, options?: Options): Promise<{ html: string; file: VFile }> {
  const file = new File({ path: 'content/trip/index.md', value: markdown })
  const processor = createMarkdownProcessor({
    frontmatter: false,
    rehypePlugins: [[rehypeGalleyImages, { lookup, ...options }]]
  })
  const { html } = await processor.render(file)
  return { html, file }
}

const messages = (file: VFile) =>
  file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)

describe('rehypeGalleyImages', () => {
  it('should give each local image its width and height, and lazy loading to all but the first', async () => {
    const { html, file } = await render(
      '- ![Map](/img/map.png)\n\n![Train](train.jpg) and ![Map again](/img/map.png)\n'
    )
    expect(html).toBe(
      [
        '<ul>',
        '<li><img src="/img/map.png" alt="Map" width="300" height="200"></li>',
        '</ul>',
        '<p><img src="train.jpg" alt="Train" loading="lazy" decoding="async" width="640" height="480"> and <img src="/img/map.png" alt="Map again" loading="lazy" decoding="async" width="300" height="200"></p>'
      ].join('\n')
    )
    expect(file.messages).toEqual([])
  })

  it('should keep what the page wrote: a width alone gets the height of the same ratio', async () => {
    const { html } = await render(
      '<img src="train.jpg" alt="a" width="320">\n\n<img src="train.jpg" alt="b" height="120" loading="eager">\n'
    )
    expect(html).toContain('<img src="train.jpg" alt="a" width="320" height="240">')
    expect(html).toContain(
      '<img src="train.jpg" alt="b" height="120" loading="eager" decoding="async" width="160">'
    )
  })

  it('should warn of missing alt text at its place, allowing an explicit empty alt in HTML', async () => {
    const { file } = await render(
      '![](train.jpg)\n\n<img src="train.jpg">\n\n<img src="train.jpg" alt="">\n\n![Train](train.jpg)\n'
    )
    expect(messages(file)).toEqual(['1:1 image-alt', '3:1 image-alt'])
    expect(file.messages[0]?.reason).toBe(
      'Unexpected image `train.jpg` without alt text, expected a description of it: write it in the brackets (`![A train at dusk](train.jpg)`), or use `<img alt="">` if the image is decoration'
    )
    expect(file.messages[0]?.source).toBe('@galley/images')
    expect((await render('![](train.jpg)\n', { alt: false })).file.messages).toEqual([])
  })

  it('should say which files cannot be read or made variants of, over budget, or remote', async () => {
    const { html, file } = await render(
      '![T](text.png) ![C](cut.jpg)\n\n![B](train.jpg)\n\n![R](https://cdn.example/r.png)\n',
      { budget: 50_000, remote: 'warn' }
    )
    expect(messages(file)).toEqual([
      '1:1 image-unreadable',
      '1:16 image-variants',
      '3:1 image-budget',
      '5:1 image-remote'
    ])
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Cannot read image `text.png`: Input buffer contains unsupported image format; replace it with a PNG, JPEG, WebP, AVIF, GIF or SVG file',
      'Cannot make responsive variants of `cut.jpg`: its pixels are cut off or corrupt; it is published as it is',
      'Unexpected image `train.jpg` of 52 kB, expected at most 50 kB (`images.budget`): make it smaller, or turn on `images.responsive`',
      "Unexpected remote image `https://cdn.example/r.png`, expected a file of the site: save it beside the page, or set `images.remote` to `'allow'` or `'download'`"
    ])
    // The unreadable one is left without a size; the cut one keeps its own.
    expect(html).toContain('<img src="text.png" alt="T">')
    expect(html).toContain(
      '<img src="cut.jpg" alt="C" loading="lazy" decoding="async" width="640" height="480">'
    )
  })

  it('should put variants in a <picture>, AVIF before WebP, leaving an author’s own <picture> alone', async () => {
    const { html } = await render(
      '![Wide](wide.jpg)\n\n<picture><source srcset="x.webp"><img src="wide.jpg" alt="own"></picture>\n',
      { sizes: '(min-width: 40rem) 40rem, 100vw' }
    )
    expect(html).toContain(
      '<p><picture><source type="image/avif" srcset="/_galley/images/wide-1-320.avif 320w" sizes="(min-width: 40rem) 40rem, 100vw"><source type="image/webp" srcset="/_galley/images/wide-1-320.webp 320w, /_galley/images/wide-1-640.webp 640w" sizes="(min-width: 40rem) 40rem, 100vw"><img src="wide.jpg" alt="Wide" width="640" height="480"></picture></p>'
    )
    expect(html).toContain(
      '<picture><source srcset="x.webp"><img src="wide.jpg" alt="own" loading="lazy" decoding="async" width="640" height="480"></picture>'
    )
  })

  it('should name an image in messages as the page wrote it, when the host rewrote its src', async () => {
    const { file } = await render('![](/img/map.png)\n', {
      shown: (src) => (src === '/img/map.png' ? 'img/map.png' : src)
    })
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Unexpected image `img/map.png` without alt text, expected a description of it: write it in the brackets (`![A train at dusk](img/map.png)`), or use `<img alt="">` if the image is decoration'
    ])
  })

  it('should leave lazy loading off when asked, and images it knows nothing of without a size', async () => {
    const { html } = await render('![A](a.png) ![B](b.png)\n', { lazy: false })
    expect(html).toBe('<p><img src="a.png" alt="A"> <img src="b.png" alt="B"></p>')
  })
})
