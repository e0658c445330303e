import { fileURLToPath } from 'node:url'
import esbuildPlugin from '@galley/unplugin/esbuild'
import rollupPlugin from '@galley/unplugin/rollup'
import vitePlugin from '@galley/unplugin/vite'
import { build as esbuild } from 'esbuild'
import { type RollupLog, rollup } from 'rollup'
import { build as viteBuild } from 'vite'
import { describe, expect, it } from 'vitest'

const good = fileURLToPath(new URL('fixtures/good/', import.meta.url))
const bad = fileURLToPath(new URL('fixtures/bad/', import.meta.url))
const options = { site: 'https://blog.test/' }

describe('@galley/unplugin', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/unplugin')).sort()).toEqual(['unplugin'])
  })

  it('should turn a post into a module in Rollup, without warnings for a valid post', async () => {
    const warnings: RollupLog[] = []
    const bundle = await rollup({
      input: `${good}main.js`,
      plugins: [rollupPlugin(options)],
      onwarn: (warning) => void warnings.push(warning)
    })
    const { output } = await bundle.generate({ format: 'es' })
    const code = output[0].code
    expect(code).toContain('"title": "Hello"')
    expect(code).toContain('new Date("2018-04-23T00:00:00.000Z")')
    expect(code).toContain('<h2 id=\\"setup\\">Setup</h2>')
    expect(
      warnings.map((w) => ({ message: w.message, loc: w.loc, pluginCode: w.pluginCode }))
    ).toEqual([])
  })

  it('should fail a Vite build on invalid front matter, at the value’s line and 0-based column', async () => {
    const build = viteBuild({
      root: bad,
      logLevel: 'silent',
      configFile: false,
      plugins: [vitePlugin(options)],
      build: { write: false, lib: { entry: 'main.js', formats: ['es'], fileName: 'main' } }
    })
    const error: unknown = await build.catch((reason: unknown) => reason)
    // Vite 8 (Rolldown) gathers plugin errors in `errors`; `loc` is not enumerable there.
    const [first] = (error as { errors: Array<Record<string, unknown>> }).errors
    expect(first?.message).toBe(
      'Unexpected `date` value `"not a date"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`'
    )
    expect(first?.loc).toEqual({ file: `${bad}broken.md`, line: 3, column: 6 })
    expect(first?.pluginCode).toBe('@galley/frontmatter:schema')
    expect(String((error as Error).message)).toContain(`${bad}broken.md:3:6`)
  })

  it('should build with Vite, and run the module', async () => {
    const result = await viteBuild({
      root: good,
      logLevel: 'silent',
      configFile: false,
      plugins: [vitePlugin(options)],
      build: {
        write: false,
        minify: false,
        lib: { entry: 'main.js', formats: ['es'], fileName: 'main' }
      }
    })
    const [first] = Array.isArray(result) ? result : [result]
    const chunk = first && 'output' in first ? first.output[0] : undefined
    const module = await import(`data:text/javascript,${encodeURIComponent(chunk?.code ?? '')}`)
    expect(module.summary).toBe('Hello (2018): 2 headings')
    expect(module.post.url).toBe('/posts/hello/')
  })

  it('should report errors to esbuild with the location', async () => {
    const result = esbuild({
      entryPoints: [`${bad}main.js`],
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [esbuildPlugin(options)]
    })
    await expect(result).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          text: expect.stringContaining('Unexpected `date` value'),
          location: expect.objectContaining({ line: 3, column: 6 })
        })
      ]
    })
  })
})
