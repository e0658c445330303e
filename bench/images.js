// Image processing with @galley/images/node, per image and per megapixel:
// reading sizes (headers only), making the responsive variants cold (WebP
// in three widths, the default) and warm (from the cache), beside the
// floor: sharp called directly for the same variants, as many images at
// once, without Galley's hashing, cache and bookkeeping; and AVIF, opt-in,
// on two of the images. Run from the root: `pnpm bench`.
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { resolveImages, variantWidths } from '@galley/images'
import { prepareImages, probeImage } from '@galley/images/node'
import sharp from 'sharp'

const count = 6
const [width, height] = [2400, 1600]
const megapixels = (count * width * height) / 1e6

/** Photo-like JPEGs: smooth gradients with noise, each different. */
async function photos() {
  const made = []
  for (let index = 0; index < count; index++) {
    const pixels = Buffer.alloc(width * height * 3)
    let seed = 0x9e3779b9 + index
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        seed = (seed * 1_103_515_245 + 12_345) >>> 0
        const at = (y * width + x) * 3
        const grain = (seed >>> 24) & 0x1f
        pixels[at] = ((x * 255) / width + grain) & 0xff
        pixels[at + 1] = ((y * 255) / height + grain + index * 40) & 0xff
        pixels[at + 2] = (((x + y) * 128) / (width + height) + grain) & 0xff
      }
    }
    made.push(
      await sharp(pixels, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer()
    )
  }
  return made
}

const images = await photos()
const sources = images.map((value, index) => ({
  key: `/photo-${index}.jpg`,
  name: `photo-${index}.jpg`,
  value
}))
const settings = resolveImages({ responsive: true })
const avif = resolveImages({ responsive: { formats: ['avif', 'webp'] } })
const few = 2

async function timed(run) {
  const start = performance.now()
  const result = await run()
  return { ms: performance.now() - start, result }
}

const cacheDir = await mkdtemp(path.join(tmpdir(), 'galley-bench-images-'))
const rows = []
try {
  const probe = await timed(() => Promise.all(images.map((value) => probeImage(value))))
  rows.push({
    task: 'read sizes (headers only)',
    ms: probe.ms,
    images: count,
    work: `${count} probed`
  })

  // As Galley works: as many images at once as there are cores.
  const floor = await timed(async () => {
    const queue = [...images]
    await Promise.all(
      Array.from({ length: availableParallelism() }, async () => {
        for (let value = queue.shift(); value; value = queue.shift()) {
          const input = sharp(value).autoOrient()
          for (const format of settings.responsive.formats) {
            for (const target of variantWidths(width, settings.responsive.widths)) {
              await input.clone().resize({ width: target }).toFormat(format).toBuffer()
            }
          }
        }
      })
    )
  })
  rows.push({ task: 'floor: sharp alone, WebP × 3 widths', ms: floor.ms, images: count, work: '' })

  const cold = await timed(() => prepareImages(sources, settings, { cacheDir }))
  rows.push({
    task: 'Galley, WebP × 3 widths (the default), cold',
    ms: cold.ms,
    images: count,
    work: `${cold.result.stats.encoded} encoded`
  })
  const edited = sources.map((source, index) =>
    index === 0 ? { ...source, key: '/moved.jpg' } : source
  )
  const warm = await timed(() => prepareImages(edited, settings, { cacheDir }))
  rows.push({
    task: 'Galley, the same, warm (cache)',
    ms: warm.ms,
    images: count,
    work: `${warm.result.stats.encoded} encoded, ${warm.result.stats.probed} probed`
  })
  const slow = await timed(() => prepareImages(sources.slice(0, few), avif))
  rows.push({
    task: 'Galley, AVIF + WebP × 3 widths, no cache',
    ms: slow.ms,
    images: few,
    work: `${slow.result.stats.encoded} encoded`
  })

  console.log(
    `@galley/images on Node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}: ${count} JPEGs of ${width} × ${height} (${megapixels.toFixed(1)} megapixels in all)`
  )
  console.table(
    rows.map((row) => ({
      task: row.task,
      'ms in all': row.ms.toFixed(0),
      'ms per image': (row.ms / row.images).toFixed(1),
      'ms per megapixel': (row.ms / ((row.images * width * height) / 1e6)).toFixed(1),
      work: row.work
    }))
  )
  console.log(
    `Galley cold over the floor: ${(((cold.ms - floor.ms) / floor.ms) * 100).toFixed(1)}%; warm over cold: ${((warm.ms / cold.ms) * 100).toFixed(2)}% (goal: a warm build does no image work)`
  )
  if (warm.result.stats.encoded !== 0 || warm.result.stats.probed !== 0) {
    console.log('FAILED: the warm run did image work')
    process.exitCode = 1
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true })
}
