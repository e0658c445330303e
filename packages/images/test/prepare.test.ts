import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveImages } from '../src/index.js'
import { prepareImages, probeImage } from '../src/node.js'
import { hugePngHeader, jpeg, png, svg, truncatedJpeg, webp } from './fixtures.js'

const folders: string[] = []
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})
async function scratch(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-images-'))
  folders.push(folder)
  return folder
}

describe('probeImage', () => {
  it('should read the size and format of PNG, JPEG, WebP and SVG files from their headers', async () => {
    expect(await probeImage(await png(300, 200))).toEqual({
      width: 300,
      height: 200,
      format: 'png'
    })
    expect(await probeImage(await jpeg(64, 48))).toEqual({ width: 64, height: 48, format: 'jpeg' })
    expect(await probeImage(await webp(120, 90))).toEqual({
      width: 120,
      height: 90,
      format: 'webp'
    })
    expect(await probeImage(svg(64, 32))).toEqual({ width: 64, height: 32, format: 'svg' })
  })

  it('should give the size as shown: an EXIF rotation swaps width and height', async () => {
    const turned = await sharp(await jpeg(80, 40))
      .withMetadata({ orientation: 6 })
      .toBuffer()
    expect(await probeImage(turned)).toEqual({ width: 40, height: 80, format: 'jpeg' })
  })

  it('should read a 20,000 × 20,000 header without its pixels, and say why a file is no image', async () => {
    expect(await probeImage(hugePngHeader())).toEqual({
      width: 20_000,
      height: 20_000,
      format: 'png'
    })
    expect(await probeImage(new TextEncoder().encode('not a picture'))).toEqual({
      reason: 'Input buffer contains unsupported image format'
    })
  })
})

describe('prepareImages', () => {
  it('should make each width and format, none wider than the file, with the sizes they claim', async () => {
    const settings = resolveImages({
      responsive: { widths: [100, 200, 400], formats: ['webp', 'avif'] }
    })
    const result = await prepareImages(
      [{ key: '/posts/Train at Dusk.JPG', name: 'Train at Dusk.JPG', value: await jpeg(300, 150) }],
      settings as NonNullable<typeof settings>
    )
    const info = result.images.get('/posts/Train at Dusk.JPG')
    expect(
      info && 'width' in info && info.variants?.map((v) => [v.format, v.width, v.height])
    ).toEqual([
      ['webp', 100, 50],
      ['webp', 200, 100],
      ['webp', 300, 150],
      ['avif', 100, 50],
      ['avif', 200, 100],
      ['avif', 300, 150]
    ])
    expect(result.files.map((file) => file.url)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/_galley\/images\/train-at-dusk-[\da-f]{10}-100\.webp$/)
      ])
    )
    // Each file on disk is what its URL and srcset say.
    for (const file of result.files) {
      const metadata = await sharp(file.value).metadata()
      const [, width, format] = /-(\d+)\.(\w+)$/.exec(file.url) as RegExpExecArray
      expect([metadata.width, metadata.format]).toEqual([
        Number(width),
        format === 'jpg' ? 'jpeg' : format === 'avif' ? 'heif' : format
      ])
    }
    expect(result.stats).toEqual({ probed: 1, encoded: 6, failed: 0, downloaded: 0 })
  })

  it('should do no image work when the cache has the same files and settings, and new work when they change', async () => {
    const cacheDir = await scratch()
    const settings = resolveImages({
      responsive: { widths: [64], formats: ['webp'] }
    }) as NonNullable<ReturnType<typeof resolveImages>>
    const sources = [
      { key: '/a.png', name: 'a.png', value: await png(128, 64) },
      { key: '/b.jpg', name: 'b.jpg', value: await jpeg(32, 32) }
    ]
    const first = await prepareImages(sources, settings, { cacheDir })
    expect(first.stats).toEqual({ probed: 2, encoded: 2, failed: 0, downloaded: 0 })
    const again = await prepareImages(sources, settings, { cacheDir })
    expect(again.stats).toEqual({ probed: 0, encoded: 0, failed: 0, downloaded: 0 })
    expect(again.images).toEqual(first.images)
    expect(again.files).toEqual(first.files)

    // A variant lost from the cache is made again; the others are read.
    const kept = await readdir(path.join(cacheDir, 'files'))
    await rm(path.join(cacheDir, 'files', kept[0] as string))
    expect((await prepareImages(sources, settings, { cacheDir })).stats).toEqual({
      probed: 0,
      encoded: 1,
      failed: 0,
      downloaded: 0
    })

    // Other settings name other files: a browser's cached copy is never stale.
    const wider = await prepareImages(
      sources,
      resolveImages({
        responsive: { widths: [64], formats: ['webp'], quality: 40 }
      }) as NonNullable<ReturnType<typeof resolveImages>>,
      { cacheDir }
    )
    expect(wider.stats).toEqual({ probed: 0, encoded: 2, failed: 0, downloaded: 0 })
    expect(wider.files.map((file) => file.url)).not.toEqual(first.files.map((file) => file.url))
  })

  it('should keep the size of a truncated JPEG and of a 400-megapixel header, and say why no variants were made', async () => {
    const cacheDir = await scratch()
    const settings = resolveImages({ responsive: true }) as NonNullable<
      ReturnType<typeof resolveImages>
    >
    const sources = [
      { key: '/cut.jpg', name: 'cut.jpg', value: await truncatedJpeg(200, 100) },
      { key: '/huge.png', name: 'huge.png', value: hugePngHeader() },
      { key: '/text.png', name: 'text.png', value: new TextEncoder().encode('hello') },
      { key: '/logo.svg', name: 'logo.svg', value: svg(40, 20) }
    ]
    const result = await prepareImages(sources, settings, { cacheDir })
    expect(Object.fromEntries(result.images)).toEqual({
      '/cut.jpg': {
        width: 200,
        height: 100,
        format: 'jpeg',
        bytes: sources[0]?.value.byteLength,
        variantsFailed: 'its pixels are cut off or corrupt'
      },
      '/huge.png': {
        width: 20_000,
        height: 20_000,
        format: 'png',
        bytes: sources[1]?.value.byteLength,
        variantsFailed:
          'it has 400,000,000 pixels (20000 × 20000), more than `images.maxPixels` allows (268,402,689)'
      },
      '/text.png': { reason: 'Input buffer contains unsupported image format' },
      // An SVG scales: it gets its size, and no variants.
      '/logo.svg': { width: 40, height: 20, format: 'svg', bytes: sources[3]?.value.byteLength }
    })
    expect(result.files).toEqual([])
    // The failures are kept too: a warm build does not try again.
    expect((await prepareImages(sources, settings, { cacheDir })).stats).toEqual({
      probed: 0,
      encoded: 0,
      failed: 2,
      downloaded: 0
    })
  })
})
