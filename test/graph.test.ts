import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))

/**
 * Bundle an entry for a neutral platform (no Node built-ins, as in a
 * browser, a worker or Deno): esbuild fails on any `node:` import it meets,
 * and its metafile names every module the entry reaches.
 */
async function graph(entry: string): Promise<{ errors: string[]; inputs: string[] }> {
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      conditions: ['galley-source', 'import', 'default'],
      // Types only: nothing of these is in the JavaScript.
      external: ['@standard-schema/spec', '@types/*']
    })
    return { errors: [], inputs: Object.keys(result.metafile.inputs) }
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string }> }).errors ?? []
    return { errors: errors.map((item) => item.text), inputs: [] }
  }
}

describe('the main entries stay free of I/O', () => {
  for (const entry of ['packages/core/src/index.ts', 'packages/links/src/index.ts']) {
    it(`${entry} reaches no Node built-in and no network client`, async () => {
      const { errors, inputs } = await graph(entry)
      expect(errors).toEqual([])
      expect(inputs.filter((input) => /undici|tinyglobby|\/fdir@/.test(input))).toEqual([])
      // The graph was walked: the entry's own modules and its dependencies.
      const own = inputs.filter((input) => input.startsWith(entry.replace(/index\.ts$/, '')))
      expect(own.length).toBeGreaterThan(3)
      expect(inputs.some((input) => input.includes('node_modules/'))).toBe(true)
    }, 60_000)
  }

  it('should catch what it is named after: the Node entry reaches node: modules', async () => {
    const { errors } = await graph('packages/links/src/node.ts')
    expect(errors.join('\n')).toMatch(/node:/)
  }, 60_000)
})
