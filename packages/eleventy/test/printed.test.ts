import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNode } from '../../../test-support/project.js'

// What the Eleventy CLI prints when the plugin (built: the CLI loads dist)
// finds errors: fixtures/cli/eleventy.config.js adds it, as a site would.
const cli = fileURLToPath(new URL('fixtures/cli/', import.meta.url))
const bin = fileURLToPath(new URL('../node_modules/@11ty/eleventy/cmd.cjs', import.meta.url))
let out = ''

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-eleventy-printed-'))
})
afterAll(async () => {
  await rm(out, { recursive: true, force: true })
})

const eleventy = (input: string) => runNode([bin, `--input=${input}`, `--output=${out}`], cli)

describe('what the Eleventy CLI prints of Galley’s errors', () => {
  it('should list each message once at its file and 1-based line:column, then fail without a stack', {
    timeout: 30_000
  }, async () => {
    const { code, printed } = await eleventy('../bad')
    expect(code).toBe(1)
    const lines = printed.split('\n')
    // The report, once, as vfile-reporter lays it out, through Eleventy's logger.
    expect(lines.filter((line) => line.startsWith('[11ty] ../bad/'))).toEqual([
      '[11ty] ../bad/also-broken.md',
      '[11ty] ../bad/broken.md'
    ])
    expect(
      lines.filter((line) => / error /.test(line)).map((line) => line.replace(/ +/g, ' '))
    ).toEqual([
      '[11ty] 2:8-2:10 error Unexpected `title` value `""`: Expected a non-empty string schema @galley/frontmatter',
      '[11ty] 3:7-3:14 error Unexpected `date` value `someday`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z` schema @galley/frontmatter'
    ])
    // Eleventy prints the error that stops it twice (its build, then its CLI), each a line.
    const failed =
      '[11ty] Galley found errors in 2 pages; fix ../bad/also-broken.md:2:8 and ../bad/broken.md:3:7'
    expect(lines.filter((line) => line.includes('Galley found errors'))).toEqual([failed, failed])
    expect(printed).not.toContain('stack trace')
    expect(printed).not.toMatch(/^\s+at /m)
  })
})
