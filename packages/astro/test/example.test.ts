import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const example = fileURLToPath(new URL('../../../examples/astro/', import.meta.url))
let out: string

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-astro-example-'))
})

afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

describe('examples/astro', () => {
  it('should build with the Astro CLI: posts and pages from Galley, feeds, no warnings', {
    timeout: 120_000
  }, async () => {
    const astro = path.join(example, 'node_modules/astro/astro.js')
    const { stdout, stderr } = await run(process.execPath, [astro, 'build', '--outDir', out], {
      cwd: example,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_OPTIONS: '' }
    })
    expect(stdout + stderr).not.toContain('warning')
    const post = await readFile(path.join(out, 'posts/tuning-a-bike/index.html'), 'utf8')
    expect(post).toContain('<h2 id="brakes">Brakes</h2>')
    // A link to another post's `.md` file became its URL.
    expect(post).toContain('href="/posts/patching-a-tube/#finding-the-leak"')
    expect(await readFile(path.join(out, 'about/index.html'), 'utf8')).toContain(
      '<h1 id="about">About</h1>'
    )
    expect(existsSync(path.join(out, 'posts/winter-storage/index.html'))).toBe(false)
    const rss = await readFile(path.join(out, 'rss.xml'), 'utf8')
    expect(rss.match(/<item>/g)).toHaveLength(2)
  })
})
