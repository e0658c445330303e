import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { main } from '@galley/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { capture } from './streams.js'

let root: string
let origin: string
const counts = new Map<string, number>()
const server = createServer((request, response) => {
  counts.set(request.url ?? '', (counts.get(request.url ?? '') ?? 0) + 1)
  response.statusCode = request.url === '/ok' ? 200 : 404
  response.end()
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  root = await mkdtemp(path.join(tmpdir(), 'galley-external-'))
  await mkdir(path.join(root, 'posts'))
  await writeFile(
    path.join(root, 'galley.config.mjs'),
    "export default { site: 'https://fixture.test/', contentDir: 'posts', links: { external: { interval: 0, retries: 0 } } }\n"
  )
  await writeFile(
    path.join(root, 'posts/a.md'),
    `---\ntitle: A\ndate: 2020-01-01\n---\n\n[fine](${origin}/ok) and [gone](${origin}/missing)\n`
  )
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await rm(root, { recursive: true, force: true })
})

describe('galley check --external', () => {
  it('should report broken external links as warnings and cache what was fine', async () => {
    const stderr = capture()
    expect(await main(['check', '--external'], { cwd: root, stdout: capture(), stderr })).toBe(0)
    expect(stderr.text().replace(/ {2,}/g, ' ')).toContain(
      `warning Cannot reach \`${origin}/missing\`: 404 Not Found broken-external @galley/links`
    )
    expect(existsSync(path.join(root, '.cache/galley/links.json'))).toBe(true)
    expect(counts.get('/ok')).toBe(1)

    const frail = await main(['check', '--external', '--frail'], {
      cwd: root,
      stdout: capture(),
      stderr: capture()
    })
    expect(frail).toBe(1)
    // The fine link came from the cache; the broken one was checked again.
    expect(counts.get('/ok')).toBe(1)
    expect(counts.get('/missing')).toBe(4)
  })

  it('should stay offline without the flag', async () => {
    const before = [...counts.values()].reduce((sum, count) => sum + count, 0)
    expect(await main(['check'], { cwd: root, stdout: capture(), stderr: capture() })).toBe(0)
    expect([...counts.values()].reduce((sum, count) => sum + count, 0)).toBe(before)
  })
})
