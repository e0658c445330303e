import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import esbuildPlugin from '@galley/unplugin/esbuild'
import webpackPlugin from '@galley/unplugin/webpack'
import { build as esbuild, formatMessages, type Message } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpack from 'webpack'
import { runNode } from '../../../test-support/project.js'

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}/`, import.meta.url))
const site = fixture('site')
const bad = fixture('bad')
const hosts = fixture('hosts')
const require = createRequire(import.meta.url)
/** The command-line program of a host, as its package names it. */
const bin = (name: string, file: string) =>
  path.join(path.dirname(require.resolve(`${name}/package.json`)), file)
const cli = {
  vite: [bin('vite', 'bin/vite.js'), 'build', '--config', `${hosts}vite.config.js`],
  rollup: [bin('rollup', 'dist/bin/rollup'), '--config', `${hosts}rollup.config.js`],
  rolldown: [bin('rolldown', 'bin/cli.mjs'), '--config', `${hosts}rolldown.config.js`]
}
const options = (root: string) => ({
  site: 'https://blog.test/',
  root,
  collections: { pages: { glob: 'pages/*.md', permalink: '/:slug/' } }
})
const reason = 'Cannot find heading for `#teardown` on `/posts/hello/`'
const invalid = 'Unexpected `date` value `"not a date"`'

let out = ''
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-printed-'))
})
afterAll(async () => {
  await rm(out, { recursive: true, force: true })
})

/** What a host's command prints (stdout and stderr, without colour) in `cwd`. */
async function run(host: keyof typeof cli, cwd: string): Promise<string> {
  return (await runNode(cli[host], cwd, { OUT: path.join(out, host) })).printed
}

/** The lines of `text` that hold `part`. */
const linesWith = (text: string, part: string) =>
  text.split('\n').filter((line) => line.includes(part))

describe('what each host prints of Galley’s messages', () => {
  it('should show the file and 1-based line:column of a warning in Vite, Rollup and Rolldown', {
    timeout: 60_000
  }, async () => {
    const [vite, rollup, rolldown] = await Promise.all([
      run('vite', site),
      run('rollup', site),
      run('rolldown', site)
    ])
    // The same place `galley build` prints: column 46 is the `[` of the link.
    expect(linesWith(vite, reason)).toEqual([
      `[plugin galley] content/posts/second.md:11:46: ${reason}`
    ])
    expect(linesWith(rollup, reason)).toEqual([
      `(!) [plugin galley] content/posts/second.md (11:46): ${reason}`
    ])
    expect(rollup).toContain(`${site}content/posts/second.md:11:46`)
    expect(linesWith(rolldown, reason)).toEqual([
      `(galley plugin) content/posts/second.md (11:46) ${reason}`
    ])
  })

  it('should show a failed build at the value, with a frame, in Vite, Rollup and Rolldown', {
    timeout: 60_000
  }, async () => {
    const [vite, rollup, rolldown] = await Promise.all([
      run('vite', bad),
      run('rollup', bad),
      run('rolldown', bad)
    ])
    const frame = ['> 3 | date: "not a date"', '    |       ^'].join('\n')
    expect(vite).toContain(`[plugin galley] ${bad}broken.md:3:7\n`)
    expect(vite).toContain(invalid)
    expect(vite).toContain(frame)
    expect(rollup).toContain(`[plugin galley] broken.md (3:7): ${invalid}`)
    expect(rollup).toContain(frame)
    expect(rolldown).toContain(`[plugin galley] ${bad}broken.md:3:7\n`)
    expect(rolldown).toContain(frame)
  })

  it('should show the place in esbuild’s own format', async () => {
    const result = await esbuild({
      entryPoints: [`${site}main.js`],
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [esbuildPlugin(options(site))]
    })
    const failed = (await esbuild({
      entryPoints: [`${bad}main.js`],
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [esbuildPlugin(options(bad))]
    }).catch((error: unknown) => error)) as { errors: Message[] }
    // What esbuild prints with its default `logLevel`.
    const warnings = (await formatMessages(result.warnings, { kind: 'warning' })).join('')
    const errors = (await formatMessages(failed.errors, { kind: 'error' })).join('')
    const relative = (file: string) => path.relative(process.cwd(), file)
    expect(stripVTControlCharacters(warnings)).toContain(
      `▲ [WARNING] ${reason} [plugin galley]\n\n    ${relative(site)}/content/posts/second.md:11:46:`
    )
    expect(stripVTControlCharacters(errors)).toContain(`    ${relative(bad)}/broken.md:3:7:`)
  })

  it('should put the place in the text webpack prints', { timeout: 60_000 }, async () => {
    const compile = (root: string) =>
      new Promise<string>((resolve, reject) => {
        webpack(
          {
            mode: 'production',
            context: root,
            entry: './main.js',
            output: { path: path.join(out, 'webpack') },
            plugins: [webpackPlugin(options(root))]
          },
          (error, stats) =>
            error || !stats
              ? reject(error)
              : // What webpack-cli prints.
                resolve(stats.toString({ preset: 'errors-warnings', colors: false }))
        )
      })
    const relative = (file: string) => path.relative(process.cwd(), file)
    expect(await compile(site)).toContain(
      `\n${relative(site)}/content/posts/second.md:11:46: ${reason}\n`
    )
    expect(await compile(bad)).toContain(`\n${relative(bad)}/broken.md:3:7: ${invalid}`)
  })
})
