import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { main } from '@galley/cli'
import sharp from 'sharp'
import { glob } from 'tinyglobby'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hugePngHeader, jpeg, png, svg, truncatedJpeg, webp } from '../../images/test/fixtures.js'
import { capture } from './streams.js'

let site: string

const config = `export default {
  site: 'https://images.test/',
  images: { responsive: { widths: [160, 320], formats: ['avif', 'webp'] } }
}
`
const post = (title: string, body: string) =>
  `---\ntitle: ${title}\ndate: 2024-05-0${title.length % 9}\n---\n\n${body}\n`

async function put(relative: string, value: string | Uint8Array) {
  await mkdir(path.dirname(path.join(site, relative)), { recursive: true })
  await writeFile(path.join(site, relative), value)
}

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'galley-images-'))
  await put('galley.config.mjs', config)
  // A page bundle, its photo beside it.
  await put(
    'content/trip/index.md',
    post('Trip', '![A train at dusk](train.jpg)\n\nText.\n\n![Platform](platform.webp)')
  )
  await put('content/trip/train.jpg', await jpeg(400, 300))
  await put('content/trip/platform.webp', await webp(200, 100))
  // A content file linked relatively, an asset by its URL, and the faults.
  await put(
    'content/posts/map.md',
    post(
      'Map',
      [
        '![Map](img/map.png)',
        '',
        '<img src="/logo.svg" alt="">',
        '',
        '![](img/cut.jpg)',
        '',
        '![Huge](img/huge.png)'
      ].join('\n')
    )
  )
  await put('content/posts/img/map.png', await png(300, 200))
  await put('content/posts/img/cut.jpg', await truncatedJpeg(240, 160))
  await put('content/posts/img/huge.png', hugePngHeader())
  await put('public/logo.svg', svg(120, 40))
})

afterAll(async () => {
  if (!process.env.KEEP) await rm(site, { recursive: true, force: true })
  else console.log(site)
})

async function run(argv: string[], cwd = site) {
  const stdout = capture()
  const stderr = capture()
  const code = await main(argv, { cwd, stdout, stderr })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

/** Every file of a folder by path, as a digest of its bytes. */
async function digests(dir: string): Promise<Record<string, string>> {
  const found = (await glob('**/*', { cwd: dir, dot: false })).sort()
  const entries = await Promise.all(
    found.map(async (file) => [
      file,
      createHash('sha256')
        .update(await readFile(path.join(dir, file)))
        .digest('hex')
    ])
  )
  return Object.fromEntries(entries)
}

const imgs = (html: string) => html.match(/<img [^>]*>/g) ?? []

describe('images through `galley build`', () => {
  it('should publish files beside posts, give every image its exact size, and make the variants srcset claims', async () => {
    const out = path.join(site, 'dist')
    const first = await run(['build'])
    expect(first.code, first.stderr).toBe(0)
    // Read and encoded once: 6 files, 2 widths × 2 formats of the 3 whole raster images.
    expect(first.stdout).toMatch(/; 6 images read, 12 variants made; wrote/)
    const trip = await readFile(path.join(out, 'posts/trip/index.html'), 'utf8')
    const map = await readFile(path.join(out, 'posts/map/index.html'), 'utf8')
    expect(imgs(trip)).toEqual([
      '<img src="train.jpg" alt="A train at dusk" width="400" height="300">',
      '<img src="platform.webp" alt="Platform" loading="lazy" decoding="async" width="200" height="100">'
    ])
    expect(imgs(map)).toEqual([
      '<img src="/posts/img/map.png" alt="Map" width="300" height="200">',
      '<img src="/logo.svg" alt="" loading="lazy" decoding="async" width="120" height="40">',
      '<img src="/posts/img/cut.jpg" alt="" loading="lazy" decoding="async" width="240" height="160">',
      '<img src="/posts/img/huge.png" alt="Huge" loading="lazy" decoding="async" width="20000" height="20000">'
    ])
    // The first image a post shows is its link preview, resolved against its URL.
    expect(trip).toContain(
      '<meta property="og:image" content="https://images.test/posts/trip/train.jpg">'
    )
    expect(map).toContain(
      '<meta property="og:image" content="https://images.test/posts/img/map.png">'
    )
    // A feed reader gets every candidate and the original at their absolute URLs.
    const feed = JSON.parse(await readFile(path.join(out, 'feed.json'), 'utf8')) as {
      items: Array<{ url: string; content_html: string }>
    }
    const item = feed.items.find((entry) => entry.url.endsWith('/posts/trip/'))?.content_html ?? ''
    expect(item).toMatch(
      /<source type="image\/webp" srcset="https:\/\/images\.test\/_galley\/images\/train-[\da-f]{10}-160\.webp 160w, https:\/\/images\.test\/_galley\/images\/train-[\da-f]{10}-320\.webp 320w"/
    )
    expect(item).toContain('src="https://images.test/posts/trip/train.jpg"')
    // The originals are copied beside their pages, as they were.
    for (const [from, to] of [
      ['content/trip/train.jpg', 'posts/trip/train.jpg'],
      ['content/posts/img/map.png', 'posts/img/map.png'],
      ['public/logo.svg', 'logo.svg']
    ]) {
      expect(await readFile(path.join(out, to as string))).toEqual(
        await readFile(path.join(site, from as string))
      )
    }
    // As wide as the theme's text column shows them.
    expect(trip).toContain('sizes="(min-width: 42rem) 40rem, 100vw"')
    // Every srcset candidate is on disk, as wide as it says, in its format.
    const candidates = [
      ...`${trip}${map}`.matchAll(/<source type="image\/(\w+)" srcset="([^"]+)"/g)
    ]
    expect(candidates.map((match) => match[1])).toEqual([
      'avif',
      'webp',
      'avif',
      'webp',
      'avif',
      'webp'
    ])
    for (const [, format, srcset] of candidates) {
      for (const candidate of (srcset as string).split(', ')) {
        const [url, width] = candidate.split(' ') as [string, string]
        const metadata = await sharp(await readFile(path.join(out, url))).metadata()
        expect([metadata.width, metadata.format], url).toEqual([
          Number.parseInt(width, 10),
          format === 'avif' ? 'heif' : format
        ])
      }
    }
    // The truncated JPEG and the 400-megapixel header: messages at their places.
    expect(first.stderr).toContain('content/posts/map.md')
    expect(first.stderr).toMatch(
      /10:1\s+warning\s+Unexpected image `img\/cut.jpg` without alt text/
    )
    expect(first.stderr).toMatch(
      /10:1\s+warning\s+Cannot make responsive variants of `img\/cut.jpg`: its pixels are cut off or corrupt; it is published as it is\s+image-variants/
    )
    expect(first.stderr).toMatch(
      /12:1\s+warning\s+Cannot make responsive variants of `img\/huge.png`: it has 400,000,000 pixels/
    )
  })

  it('should do no image work on a warm build or a post edit, and give what a --fresh build gives', async () => {
    const out = path.join(site, 'dist')
    const warm = await run(['build'])
    expect(warm.code, warm.stderr).toBe(0)
    expect(warm.stdout).toMatch(/up to date/)
    await put(
      'content/trip/index.md',
      post('Trip', '![A train at dusk](train.jpg)\n\nMore text.\n\n![Platform](platform.webp)')
    )
    const edited = await run(['build'])
    expect(edited.code, edited.stderr).toBe(0)
    expect(edited.stdout).not.toMatch(/read|made/)
    expect(await readFile(path.join(out, 'posts/trip/index.html'), 'utf8')).toContain('More text.')
    const fresh = await run(['build', '--fresh', '--out', 'fresh'])
    expect(fresh.code, fresh.stderr).toBe(0)
    expect(fresh.stdout).toMatch(/6 images read, 12 variants made/)
    expect(await digests(out)).toEqual(await digests(path.join(site, 'fresh')))
  })

  it('should size and encode an image again when its file changes, dropping the old variants', async () => {
    const out = path.join(site, 'dist')
    const before = await digests(out)
    await put('content/trip/train.jpg', await jpeg(200, 100))
    const changed = await run(['build', '--workers', '2'])
    expect(changed.code, changed.stderr).toBe(0)
    expect(changed.stdout).toMatch(/; 1 image read, 4 variants made; wrote/)
    const trip = await readFile(path.join(out, 'posts/trip/index.html'), 'utf8')
    expect(imgs(trip)[0]).toBe(
      '<img src="train.jpg" alt="A train at dusk" width="200" height="100">'
    )
    const after = await digests(out)
    const gone = Object.keys(before).filter((file) => !(file in after))
    expect(gone.sort()).toEqual(
      Object.keys(before)
        .filter((file) => /^_galley\/images\/train-/.test(file))
        .sort()
    )
    await rm(path.join(site, 'fresh'), { recursive: true })
    expect((await run(['build', '--fresh', '--out', 'fresh'])).code).toBe(0)
    expect(after).toEqual(await digests(path.join(site, 'fresh')))
  })

  it('should fail on a missing image at its place, writing nothing', async () => {
    const out = path.join(site, 'dist')
    const before = await digests(out)
    await put('content/posts/gone.md', post('Gone', 'Text.\n\n![Gone](img/gone.png)'))
    const failed = await run(['build'])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(
      /content\/posts\/gone.md\n\s+8:1\s+error\s+Cannot find image `\/posts\/gone\/img\/gone.png`, shown as `img\/gone.png`/
    )
    expect(failed.stderr).toMatch(/not built; `dist` was left as it was/)
    expect(await digests(out)).toEqual(before)
    await rm(path.join(site, 'content/posts/gone.md'))
  })
})

describe('remote images through `galley build` (`images.remote: download`)', () => {
  it('should download each remote image once into the cache, publish its copy with its size, and warn at a failed one', async () => {
    const { createServer } = await import('node:http')
    const photo = await png(80, 40)
    const asked: string[] = []
    const server = createServer((request, response) => {
      asked.push(request.url ?? '')
      if (request.url === '/cdn/photo.png') {
        response.writeHead(200, { 'content-type': 'image/png' }).end(photo)
      } else response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const remote = await mkdtemp(path.join(tmpdir(), 'galley-remote-'))
    try {
      await mkdir(path.join(remote, 'content/posts'), { recursive: true })
      await writeFile(
        path.join(remote, 'galley.config.mjs'),
        "export default { site: 'https://remote.test/', images: { remote: 'download' } }\n"
      )
      await writeFile(
        path.join(remote, 'content/posts/far.md'),
        post('Far', `![A photo](${base}/cdn/photo.png)\n\n![Gone](${base}/cdn/gone.png)`)
      )
      const build = (argv: string[]) => run(argv, remote)
      const first = await build(['build'])
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/; 1 image read, 1 downloaded; wrote/)
      const html = await readFile(path.join(remote, 'dist/posts/far/index.html'), 'utf8')
      const [own, gone] = imgs(html)
      const copy = /src="(\/_galley\/images\/photo-[\da-f]{10}\.png)"/.exec(own ?? '')?.[1]
      expect(own).toBe(`<img src="${copy}" alt="A photo" width="80" height="40">`)
      expect(await readFile(path.join(remote, 'dist', copy ?? ''))).toEqual(Buffer.from(photo))
      expect(gone).toBe(
        `<img src="${base}/cdn/gone.png" alt="Gone" loading="lazy" decoding="async">`
      )
      expect(first.stderr).toMatch(
        /8:1\s+warning\s+Cannot download image `http:\/\/127\.0\.0\.1:\d+\/cdn\/gone\.png`: the server answered 404; it is left remote/
      )
      // An edit: the copy comes from the cache; only the failed one is asked for again.
      asked.length = 0
      await writeFile(
        path.join(remote, 'content/posts/far.md'),
        post(
          'Far',
          `Now with words.\n\n![A photo](${base}/cdn/photo.png)\n\n![Gone](${base}/cdn/gone.png)`
        )
      )
      const second = await build(['build'])
      expect(second.code, second.stderr).toBe(0)
      expect(asked).toEqual(['/cdn/gone.png'])
      expect(second.stdout).not.toMatch(/downloaded|read/)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await rm(remote, { recursive: true, force: true })
    }
  })
})

describe('hashed file names through `galley build` (`hashFileNames`)', () => {
  it('should publish the files beside posts under names with their hash, rewrite the links, and rename a changed file', async () => {
    const hashed = await mkdtemp(path.join(tmpdir(), 'galley-hashed-'))
    const write = async (relative: string, value: string | Uint8Array) => {
      await mkdir(path.dirname(path.join(hashed, relative)), { recursive: true })
      await writeFile(path.join(hashed, relative), value)
    }
    const build = (argv: string[]) => run(argv, hashed)
    try {
      await write(
        'galley.config.mjs',
        "export default { site: 'https://hashed.test/', hashFileNames: true }\n"
      )
      await write(
        'content/trip/index.md',
        post('Trip', '![A train](train.jpg) and [the notes](files/notes.txt)')
      )
      await write('content/trip/train.jpg', await jpeg(60, 40))
      await write('content/trip/files/notes.txt', 'Notes.')
      await write('content/posts/map.md', post('Map', '![Map](img/map.png)'))
      await write('content/posts/img/map.png', await png(30, 20))
      const first = await build(['build'])
      expect(first.code, first.stderr).toBe(0)
      const out = path.join(hashed, 'dist')
      const trip = await readFile(path.join(out, 'posts/trip/index.html'), 'utf8')
      const train = /<img src="(train-[\da-f]{8}\.jpg)" alt="A train" width="60" height="40">/.exec(
        trip
      )?.[1]
      const notes = /<a href="(files\/notes-[\da-f]{8}\.txt)">/.exec(trip)?.[1]
      expect([train, notes]).toEqual([expect.any(String), expect.any(String)])
      expect(await readFile(path.join(out, 'posts/trip', notes ?? ''), 'utf8')).toBe('Notes.')
      const map = await readFile(path.join(out, 'posts/map/index.html'), 'utf8')
      const mapUrl =
        /<img src="(\/posts\/img\/map-[\da-f]{8}\.png)" alt="Map" width="30" height="20">/.exec(
          map
        )?.[1]
      expect(mapUrl).toEqual(expect.any(String))
      const files = await digests(out)
      // Only the hashed names are published.
      expect(
        Object.keys(files)
          .filter((file) => /^posts\/.*\.(?:jpg|txt|png)$/.test(file))
          .sort()
      ).toEqual([`posts/trip/${train}`, `posts/trip/${notes}`, (mapUrl ?? '').slice(1)].sort())
      // A changed file gets a new name; the old one is gone.
      await write('content/trip/train.jpg', await jpeg(50, 40))
      const second = await build(['build'])
      expect(second.code, second.stderr).toBe(0)
      const again = await readFile(path.join(out, 'posts/trip/index.html'), 'utf8')
      const renamed =
        /<img src="(train-[\da-f]{8}\.jpg)" alt="A train" width="50" height="40">/.exec(again)?.[1]
      expect(renamed).toEqual(expect.any(String))
      expect(renamed).not.toBe(train)
      expect(existsSync(path.join(out, 'posts/trip', train ?? ''))).toBe(false)
      expect((await build(['build', '--fresh', '--out', 'fresh'])).code).toBe(0)
      expect(await digests(out)).toEqual(await digests(path.join(hashed, 'fresh')))
    } finally {
      await rm(hashed, { recursive: true, force: true })
    }
  })
})
