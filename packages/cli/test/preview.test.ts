import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '@galley/cli'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { capture } from './streams.js'

const site = fileURLToPath(new URL('fixtures/site/', import.meta.url))
let out: string

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-preview-'))
})

afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

describe('galley preview', () => {
  it('should serve the built site on 127.0.0.1, with 404.html for missing pages', async () => {
    const dist = path.join(out, 'dist')
    expect(
      await main(['build', '--out', dist], { cwd: site, stdout: capture(), stderr: capture() })
    ).toBe(0)

    const controller = new AbortController()
    const stdout = capture()
    const running = main(['preview', '--out', dist, '--port', '0', '--host', '127.0.0.1'], {
      cwd: site,
      stdout,
      stderr: capture(),
      signal: controller.signal
    })
    let address: string | undefined
    for (let tries = 0; tries < 100 && !address; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      address = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout.text())?.[1]
    }
    expect(address).toBeDefined()

    const home = await fetch(new URL('/', address))
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('<a href="/posts/one/">One</a>')
    const post = await fetch(new URL('/posts/two/', address))
    expect(post.status).toBe(200)
    const missing = await fetch(new URL('/posts/nope/', address))
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('<h1>Not found</h1>')

    controller.abort()
    expect(await running).toBe(0)
  })

  it('should refuse to serve a folder that was never built', async () => {
    const stderr = capture()
    expect(await main(['preview', '--out', out], { cwd: site, stdout: capture(), stderr })).toBe(1)
    expect(stderr.text()).toBe(
      `galley: nothing to serve in \`${out}\`; run \`galley build\` first\n`
    )
  })
})
