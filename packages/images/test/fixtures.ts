// Image files made by the tests, real ones from sharp and hand-made
// headers, for this package's tests and the hosts' (the CLI's build).
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'

/** A photo-like JPEG (noise, so that it has real size) of `width` × `height`. */
export async function jpeg(width: number, height: number): Promise<Uint8Array> {
  return sharp(noise(width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** A PNG of one colour, with an alpha channel. */
export async function png(width: number, height: number): Promise<Uint8Array> {
  return sharp({ create: { width, height, channels: 4, background: '#2a7ae2cc' } })
    .png()
    .toBuffer()
}

/** A WebP of one colour. */
export async function webp(width: number, height: number): Promise<Uint8Array> {
  return sharp({ create: { width, height, channels: 3, background: '#d33' } })
    .webp()
    .toBuffer()
}

/** An SVG with its size in `width` and `height`. */
export function svg(width: number, height: number): Uint8Array {
  return new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="teal"/></svg>`
  )
}

/** A JPEG cut off part way through its pixels: the header is whole, the rest is not. */
export async function truncatedJpeg(width: number, height: number): Promise<Uint8Array> {
  const whole = await jpeg(width, height)
  return whole.subarray(0, Math.floor(whole.byteLength * 0.6))
}

/**
 * A PNG whose header claims `width` × `height` (20,000 × 20,000: 400
 * megapixels) with almost no pixel data: a decompression bomb's header.
 */
export function hugePngHeader(width = 20_000, height = 20_000): Uint8Array {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // Bit depth.
  ihdr[9] = 2 // RGB.
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.byteLength, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Pixels of a fixed pseudo-random pattern (the same every run). */
function noise(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3)
  let seed = 0x9e3779b9
  for (let index = 0; index < pixels.length; index++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0
    pixels[index] = (seed >>> 16) & 0xff
  }
  return pixels
}
