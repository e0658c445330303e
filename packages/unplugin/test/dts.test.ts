import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import rollupPlugin from '@galley/unplugin/rollup'
import { rollup } from 'rollup'
import ts from 'typescript'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

const site = fileURLToPath(new URL('fixtures/site/', import.meta.url))
const source = fileURLToPath(new URL('../src/index.ts', import.meta.url))
let out: string

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-dts-'))
})

afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

/** Type-check `code` against the generated declarations; gives the error messages. */
function check(dts: string): string[] {
  const program = ts.createProgram([dts, path.join(out, 'use.ts')], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    customConditions: ['galley-source'],
    allowImportingTsExtensions: true,
    paths: { '@galley/unplugin': [source] },
    types: [],
    lib: ['lib.es2022.d.ts'],
    skipLibCheck: true
  })
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName.endsWith('use.ts'))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

describe('generated collection types', () => {
  // Type-checking with TypeScript's compiler takes a few seconds.
  it('should write declarations typed from each schema when the build starts', {
    timeout: 30_000
  }, async () => {
    const dts = path.join(out, 'galley-env.d.ts')
    const bundle = await rollup({
      input: `${site}main.js`,
      plugins: [
        rollupPlugin({
          site: 'https://blog.test/',
          root: site,
          dts,
          collections: {
            pages: {
              glob: 'pages/*.md',
              permalink: '/:slug/',
              schema: z.object({ title: z.string(), order: z.number().optional() })
            }
          }
        })
      ],
      onwarn: () => undefined
    })
    await bundle.close()
    const text = await readFile(dts, 'utf8')
    expect(text).toContain("declare module 'virtual:galley/collection/posts'")
    expect(text).toContain("declare module 'virtual:galley/collection/pages'")

    const use = `import { entries as posts } from 'virtual:galley/collection/posts'
import { entries as pages } from 'virtual:galley/collection/pages'

export const year: number = posts[0]!.frontmatter.date.getFullYear()
export const tags: string[] = posts[0]!.frontmatter.tags
export const order: number | undefined = pages[0]!.frontmatter.order
export const words: number = pages[0]!.stats.words
export const wrong: string = posts[0]!.frontmatter.titel
`
    await writeFile(path.join(out, 'use.ts'), use)
    // Everything is typed, so the one misspelled key is the one error.
    expect(check(dts)).toEqual([expect.stringContaining("Property 'titel' does not exist")])
  })
})

describe('collectionTypes', () => {
  it('should type each collection with the schema the build validates it with', async () => {
    const { collectionTypes } = await import('../src/dts.js')
    const text = collectionTypes({
      site: 'https://blog.test/',
      // A top-level schema loses to `collections.posts`, as in `createGalley`.
      schema: z.object({ title: z.string(), date: z.coerce.date(), ignored: z.string() }),
      collections: {
        posts: { glob: 'posts/*.md', schema: z.object({ title: z.string(), rating: z.number() }) },
        notes: { glob: 'notes/*.md' }
      }
    })
    const posts = text.slice(text.indexOf("'virtual:galley/collection/posts'"))
    expect(posts.slice(0, posts.indexOf('export const'))).toContain('rating: number')
    expect(text).not.toContain('ignored')
    // A collection without a schema gets the page schema: a title, a date.
    const notes = text.slice(text.indexOf("'virtual:galley/collection/notes'"))
    expect(notes).toMatch(/title\??: string/)
    expect(notes).not.toContain('Record<string, unknown>')
  })
})
