import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { glob } from 'tinyglobby'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))
let out: string

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-example-'))
})

afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

/** The bin of a tool, as the example's own `node_modules` has it. */
function bin(example: string, name: string, file: string) {
  const require = createRequire(path.join(examples, example, 'package.json'))
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file)
}

/** Build an example with its own tool, as `pnpm build` there does, into `out`. */
const builds: Record<string, () => Promise<unknown>> = {
  vite: () =>
    run(process.execPath, [bin('vite', 'vite', 'bin/vite.js'), 'build', '--outDir', out], {
      cwd: path.join(examples, 'vite')
    }),
  rollup: () =>
    run(process.execPath, [bin('rollup', 'rollup', 'dist/bin/rollup'), '-c', '-d', out], {
      cwd: path.join(examples, 'rollup')
    }),
  esbuild: () =>
    run(process.execPath, ['build.js', '--out', out], { cwd: path.join(examples, 'esbuild') }),
  webpack: () =>
    run(process.execPath, ['build.js', '--out', out], { cwd: path.join(examples, 'webpack') })
}

describe('bundler examples', () => {
  for (const [name, build] of Object.entries(builds)) {
    it(`should build examples/${name}: the posts in the bundle, feeds beside it`, async () => {
      await build()
      const files = (await glob('**/*', { cwd: out })).sort()
      expect(files).toEqual(
        expect.arrayContaining([
          'atom.xml',
          'feed.json',
          'galley-links.json',
          'rss.xml',
          'sitemap.xml',
          'tags/bikes/rss.xml',
          'tags/maintenance/rss.xml'
        ])
      )
      const rss = await readFile(path.join(out, 'rss.xml'), 'utf8')
      expect(rss.match(/<item>/g)).toHaveLength(2)
      expect(rss).not.toContain('Storing a Bike')
      const scripts = files.filter((file) => file.endsWith('.js'))
      const code = (
        await Promise.all(scripts.map((file) => readFile(path.join(out, file), 'utf8')))
      ).join('\n')
      // The `.md` link became the other post's URL, checked with the whole site.
      expect(code).toContain('/posts/patching-a-tube/#finding-the-leak')
      expect(code).toContain('Tuning a Bike Before Spring')
      expect(code).not.toContain('Storing a Bike')
      expect(JSON.parse(await readFile(path.join(out, 'galley-links.json'), 'utf8'))).toEqual([])
    })
  }
})
