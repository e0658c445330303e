import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const example = fileURLToPath(new URL('../../../examples/eleventy/', import.meta.url))
let out: string

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-eleventy-example-'))
})

afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

describe('examples/eleventy', () => {
  it('should build with the Eleventy CLI: pages, no draft, feeds, resolved `.md` links', async () => {
    // The example's own Eleventy (its exports map hides `package.json`).
    const bin = path.join(example, 'node_modules/@11ty/eleventy/cmd.cjs')
    const { stderr } = await run(process.execPath, [bin, `--output=${out}`, '--quiet'], {
      cwd: example
    })
    expect(stderr).toBe('')
    const post = await readFile(path.join(out, 'posts/tuning-a-bike/index.html'), 'utf8')
    expect(post).toContain('<h2 id="brakes">Brakes</h2>')
    expect(post).toContain('href="/posts/patching-a-tube/#finding-the-leak"')
    expect(existsSync(path.join(out, 'posts/winter-storage/index.html'))).toBe(false)
    const rss = await readFile(path.join(out, 'rss.xml'), 'utf8')
    expect(rss.match(/<item>/g)).toHaveLength(2)
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain(
      '<a href="/posts/tuning-a-bike/">Tuning a Bike Before Spring</a>'
    )
  })
})
