import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveImages } from '../src/index.js'
import { prepareImages } from '../src/node.js'
import { png } from './fixtures.js'

let server: Server
let base: string
const requests: string[] = []
let picture: Uint8Array

beforeAll(async () => {
  picture = await png(90, 60)
  server = createServer((request, response) => {
    requests.push(request.url ?? '')
    const url = request.url ?? ''
    if (url === '/photo.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(picture)
    } else if (url === '/moved.png') {
      response.writeHead(301, { location: '/photo.png' }).end()
    } else if (url === '/page.png') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Not an image</h1>')
    } else if (url === '/slow.png') {
      setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(picture), 2000)
    } else if (url === '/big.png') {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': 5000 })
      response.end(Buffer.alloc(5000))
    } else if (url === '/endless.png') {
      // No length said: the reader stops at the limit.
      response.writeHead(200, { 'content-type': 'image/png' })
      response.write(Buffer.alloc(3000))
      response.end(Buffer.alloc(3000))
    } else if (url === '/reset.png') {
      request.socket.destroy()
    } else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('remote images (`remote: download`)', () => {
  it('should download each image once, publish a copy with its size, and say why the others failed', async () => {
    const settings = resolveImages({ remote: 'download' }) as NonNullable<
      ReturnType<typeof resolveImages>
    >
    const urls = [
      'photo.png',
      'moved.png',
      'gone.png',
      'page.png',
      'slow.png',
      'big.png',
      'endless.png',
      'reset.png'
    ].map((name) => `${base}/${name}`)
    const options = { remote: { urls, timeout: 300, maxBytes: 4000 } }
    const result = await prepareImages([], settings, options)
    const photo = result.images.get(`${base}/photo.png`)
    expect(photo).toEqual({
      width: 90,
      height: 60,
      format: 'png',
      bytes: picture.byteLength,
      src: expect.stringMatching(/^\/_galley\/images\/photo-[\da-f]{10}\.png$/)
    })
    // A redirect is followed: the same bytes, the same copy.
    expect(result.images.get(`${base}/moved.png`)).toEqual(
      expect.objectContaining({ width: 90, height: 60 })
    )
    expect(result.files.map((file) => [file.url, file.value.byteLength])).toEqual([
      [expect.stringMatching(/^\/_galley\/images\/moved-/), picture.byteLength],
      [photo && 'src' in photo ? photo.src : '', picture.byteLength]
    ])
    expect(
      ['gone.png', 'page.png', 'slow.png', 'big.png', 'endless.png', 'reset.png'].map((name) =>
        result.images.get(`${base}/${name}`)
      )
    ).toEqual([
      { reason: 'cannot download it: the server answered 404' },
      { reason: 'cannot download it: it is `text/html`, not an image' },
      { reason: 'cannot download it: no answer within 0.3 s' },
      { reason: 'cannot download it: it has 5000 bytes, more than 4000' },
      { reason: 'cannot download it: it has more than 4000 bytes' },
      { reason: expect.stringMatching(/^cannot download it: the request failed \(\w+\)$/) }
    ])
    expect(result.stats.downloaded).toBe(2)
  })

  it('should keep what it downloaded in the cache, asking the server again only for what failed', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'galley-remote-'))
    try {
      const settings = resolveImages({ remote: 'download' }) as NonNullable<
        ReturnType<typeof resolveImages>
      >
      const urls = [`${base}/photo.png`, `${base}/gone.png`]
      const first = await prepareImages([], settings, { cacheDir, remote: { urls } })
      requests.length = 0
      const again = await prepareImages([], settings, { cacheDir, remote: { urls } })
      expect(requests).toEqual(['/gone.png'])
      expect(again.stats).toEqual({ probed: 0, encoded: 0, failed: 0, downloaded: 0 })
      expect(again.images).toEqual(first.images)
    } finally {
      await rm(cacheDir, { recursive: true, force: true })
    }
  })
})
