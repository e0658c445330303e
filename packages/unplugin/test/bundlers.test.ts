import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import esbuildPlugin from '@galley/unplugin/esbuild'
import rolldownPlugin from '@galley/unplugin/rolldown'
import rollupPlugin from '@galley/unplugin/rollup'
import vitePlugin from '@galley/unplugin/vite'
import webpackPlugin from '@galley/unplugin/webpack'
import { build as esbuild } from 'esbuild'
import { rolldown } from 'rolldown'
import { type OutputAsset, type OutputChunk, type RollupLog, rollup } from 'rollup'
import { build as viteBuild } from 'vite'
import { describe, expect, it } from 'vitest'
import webpack from 'webpack'
import {
  expectWriterSyntax,
  writerMarkdown,
  writerPost
} from '../../../test-support/writer-syntax.js'
import { png } from '../../images/test/fixtures.js'

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}/`, import.meta.url))
const good = fixture('good')
const bad = fixture('bad')
const site = fixture('site')
const options = (root: string) => ({
  site: 'https://blog.test/',
  root,
  collections: { pages: { glob: 'pages/*.md', permalink: '/:slug/' } }
})

/**
 * The warning every build of `site` gives: a link to a heading that is not
 * there, at the `[` of the link (1-based, as `galley build` prints it).
 */
const anchorWarning = {
  message: 'Cannot find heading for `#teardown` on `/posts/hello/`',
  pluginCode: '@galley/links:missing-anchor',
  loc: { file: `${site}content/posts/second.md`, line: 11, column: 46 }
}
const emitted = [
  'atom.xml',
  'feed.json',
  'galley-links.json',
  'rss.xml',
  'sitemap.xml',
  ...['a', 'b'].flatMap((tag) => [
    `tags/${tag}/atom.xml`,
    `tags/${tag}/feed.json`,
    `tags/${tag}/rss.xml`
  ])
]
/** Rollup and Rolldown put the plugin and place before the message. */
const logged = (warnings: ReadonlyArray<RollupLog>) =>
  warnings.map((w) => ({
    message: w.message.replace(/^\[plugin galley\] .*? \(\d+:\d+\): /, ''),
    pluginCode: w.pluginCode,
    loc: w.loc
  }))

/** Bundle `main.js` of `context` with webpack into `out/main.js`, as an ES module. */
function bundleWithWebpack(
  context: string,
  out: string,
  settings: Parameters<typeof webpackPlugin>[0]
): Promise<webpack.Stats> {
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        context,
        entry: './main.js',
        output: { path: out, filename: 'main.js', library: { type: 'module' } },
        experiments: { outputModule: true },
        optimization: { minimize: false },
        plugins: [webpackPlugin(settings)]
      },
      (error, result) => (error || !result ? reject(error) : resolve(result))
    )
  })
}

/** Run the bundled `main.js` of `site` and return what it exports. */
async function run(code: string) {
  return import(`data:text/javascript,${encodeURIComponent(code)}`)
}

describe('@galley/unplugin', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/unplugin')).sort()).toEqual(['unplugin'])
  })

  it('should give Rollup post modules and collections, warn at the link, emit feeds', async () => {
    const warnings: RollupLog[] = []
    const bundle = await rollup({
      input: `${site}main.js`,
      plugins: [rollupPlugin(options(site))],
      onwarn: (warning) => void warnings.push(warning)
    })
    const { output } = await bundle.generate({ format: 'es' })
    const chunk = output[0] as OutputChunk
    const module = await run(chunk.code)
    // Newest first, the draft left out of a build.
    expect(module.titles).toEqual(['Second', 'Hello'])
    expect(module.first).toBe('Hello')
    expect(module.about).toEqual(['/about/'])
    expect(logged(warnings)).toEqual([anchorWarning])
    const assets = output.filter((item): item is OutputAsset => item.type === 'asset')
    expect(assets.map((asset) => asset.fileName).sort()).toEqual(emitted)
    const rss = String(assets.find((asset) => asset.fileName === 'rss.xml')?.source)
    expect(rss).toContain('<link>https://blog.test/posts/second/</link>')
    expect(rss).not.toContain('Work in progress')
    const links = JSON.parse(
      String(assets.find((asset) => asset.fileName === 'galley-links.json')?.source)
    )
    expect(JSON.stringify(links)).toContain('missing-anchor')
  })

  it('should render a post outside the content folder on its own', async () => {
    const bundle = await rollup({ input: `${good}main.js`, plugins: [rollupPlugin(options(good))] })
    const { output } = await bundle.generate({ format: 'es' })
    const code = output[0].code
    expect(code).toContain('"title": "Hello"')
    expect(code).toContain('new Date("2018-04-23T00:00:00.000Z")')
    expect(code).toContain('<h2 id=\\"setup\\">Setup</h2>')
  })

  it('should build with Vite, with the same modules, warnings and assets', async () => {
    const warnings: RollupLog[] = []
    const result = await viteBuild({
      root: site,
      logLevel: 'silent',
      configFile: false,
      plugins: [vitePlugin(options(site))],
      build: {
        write: false,
        minify: false,
        lib: { entry: 'main.js', formats: ['es'], fileName: 'main' },
        rollupOptions: { onwarn: (warning) => void warnings.push(warning) }
      }
    })
    const [first] = Array.isArray(result) ? result : [result]
    const output = first && 'output' in first ? first.output : []
    const chunk = output.find((item) => item.type === 'chunk')
    const module = await run(chunk && 'code' in chunk ? chunk.code : '')
    expect(module.titles).toEqual(['Second', 'Hello'])
    expect(
      output
        .filter((item) => item.type === 'asset')
        .map((a) => a.fileName)
        .sort()
    ).toEqual(emitted)
    // A Vite build prints a warning's text alone: the place is in it.
    const place = `${path.relative(process.cwd(), anchorWarning.loc.file)}:11:46: `
    expect(logged(warnings)).toEqual([
      { ...anchorWarning, message: `${place}${anchorWarning.message}` }
    ])
  })

  it('should fail a Vite build on invalid front matter, at the value’s line and column, with a frame', async () => {
    const build = viteBuild({
      root: bad,
      logLevel: 'silent',
      configFile: false,
      plugins: [vitePlugin(options(bad))],
      build: { write: false, lib: { entry: 'main.js', formats: ['es'], fileName: 'main' } }
    })
    const error: unknown = await build.catch((reason: unknown) => reason)
    // Vite 8 (Rolldown) gathers plugin errors in `errors`; `loc` is not enumerable there.
    const [first] = (error as { errors: Array<Record<string, unknown>> }).errors
    expect(first?.message).toBe(
      'Unexpected `date` value `"not a date"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`'
    )
    expect(first?.loc).toEqual({ file: `${bad}broken.md`, line: 3, column: 7 })
    expect(first?.pluginCode).toBe('@galley/frontmatter:schema')
    expect(String((error as Error).message)).toContain(`${bad}broken.md:3:7`)
    expect(String((error as Error).message)).toContain('> 3 | date: "not a date"\n    |       ^')
  })

  it('should build with Rolldown, warning at the link', async () => {
    const warnings: RollupLog[] = []
    const bundle = await rolldown({
      input: `${site}main.js`,
      plugins: [rolldownPlugin(options(site))],
      onwarn: (warning) => void warnings.push(warning as RollupLog)
    })
    const { output } = await bundle.generate({ format: 'es' })
    const module = await run((output[0] as { code: string }).code)
    expect(module.titles).toEqual(['Second', 'Hello'])
    expect(
      output
        .filter((item) => item.type === 'asset')
        .map((a) => a.fileName)
        .sort()
    ).toEqual(emitted)
    expect(logged(warnings)).toEqual([anchorWarning])
  })

  it('should build with esbuild, warning at the link, and fail at invalid front matter', async () => {
    const result = await esbuild({
      entryPoints: [`${site}main.js`],
      bundle: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
      plugins: [esbuildPlugin(options(site))]
    })
    const module = await run(result.outputFiles[0]?.text ?? '')
    expect(module.titles).toEqual(['Second', 'Hello'])
    expect(
      result.warnings.map((warning) => ({
        text: warning.text,
        file: warning.location?.file,
        line: warning.location?.line,
        column: warning.location?.column
      }))
    ).toEqual([
      {
        text: anchorWarning.message,
        // esbuild names files relative to the working directory.
        file: path.relative(process.cwd(), anchorWarning.loc.file),
        line: anchorWarning.loc.line,
        column: anchorWarning.loc.column
      }
    ])
    const failed = esbuild({
      entryPoints: [`${bad}main.js`],
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [esbuildPlugin(options(bad))]
    })
    await expect(failed).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          text: expect.stringContaining('Unexpected `date` value'),
          location: expect.objectContaining({ line: 3, column: 7 })
        })
      ]
    })
  })

  it('should build with webpack, warning at the link and emitting feeds', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'galley-webpack-'))
    try {
      const stats = await bundleWithWebpack(site, out, options(site))
      const json = stats.toJson({ all: false, warnings: true, errors: true })
      expect(json.errors).toEqual([])
      // webpack keeps only the text of a warning: the place is in it.
      expect(json.warnings?.map((warning) => warning.message)).toEqual([
        expect.stringContaining(
          `${path.relative(process.cwd(), anchorWarning.loc.file)}:11:46: ${anchorWarning.message}`
        )
      ])
      const module = await run(await readFile(path.join(out, 'main.js'), 'utf8'))
      expect(module.titles).toEqual(['Second', 'Hello'])
      expect(await readFile(path.join(out, 'rss.xml'), 'utf8')).toContain(
        '<link>https://blog.test/posts/second/</link>'
      )
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })

  it('should fail Rollup, Rolldown and webpack builds at the invalid value', async () => {
    const where = { file: `${bad}broken.md`, line: 3, column: 7 }
    const rollupError = (await rollup({
      input: `${bad}main.js`,
      plugins: [rollupPlugin(options(bad))]
    }).catch((error: unknown) => error)) as RollupLog
    expect([rollupError.pluginCode, rollupError.loc]).toEqual(['@galley/frontmatter:schema', where])

    const rolldownError = (await rolldown({
      input: `${bad}main.js`,
      plugins: [rolldownPlugin(options(bad))]
    })
      .then((bundle) => bundle.generate({ format: 'es' }))
      .catch((error: unknown) => error)) as { errors?: Array<Record<string, unknown>> }
    const [first] = rolldownError.errors ?? []
    expect([first?.pluginCode, first?.loc]).toEqual(['@galley/frontmatter:schema', where])

    const out = await mkdtemp(path.join(tmpdir(), 'galley-webpack-bad-'))
    try {
      const stats = await new Promise<webpack.Stats>((resolve, reject) => {
        webpack(
          {
            mode: 'production',
            context: bad,
            entry: './main.js',
            output: { path: out },
            plugins: [webpackPlugin(options(bad))]
          },
          (error, result) => (error || !result ? reject(error) : resolve(result))
        )
      })
      const errors = stats.toJson({ all: false, errors: true }).errors ?? []
      expect(errors.map((error) => error.message)).toEqual([
        expect.stringContaining(
          `${path.relative(process.cwd(), bad)}/broken.md:3:7: Unexpected \`date\` value`
        )
      ])
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})

describe('writer syntax and hooks', () => {
  it('should size a post’s images, emit those beside it with their variants, and find public/’s', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-unplugin-images-'))
    try {
      await mkdir(path.join(root, 'content/posts/img'), { recursive: true })
      await mkdir(path.join(root, 'public'), { recursive: true })
      await writeFile(path.join(root, 'content/posts/img/map.png'), await png(200, 100))
      await writeFile(path.join(root, 'public/logo.png'), await png(64, 32))
      await writeFile(
        path.join(root, 'content/posts/trip.md'),
        '---\ntitle: Trip\ndate: 2024-01-01\n---\n\n![Map](img/map.png)\n\n![Logo](/logo.png)\n'
      )
      const entry = path.join(root, 'main.js')
      await writeFile(
        entry,
        "import post from './content/posts/trip.md'\nexport const html = post.html\n"
      )
      const warnings: RollupLog[] = []
      const bundle = await rollup({
        input: entry,
        plugins: [
          rollupPlugin({
            site: 'https://blog.test/',
            root,
            images: { responsive: { widths: [100, 400], formats: ['webp'] } }
          })
        ],
        onwarn: (warning) => void warnings.push(warning)
      })
      const { output } = await bundle.generate({ format: 'es' })
      const html = (await run((output[0] as OutputChunk).code)).html as string
      expect(html).toMatch(
        /^<p><picture><source type="image\/webp" srcset="\/_galley\/images\/map-[\da-f]{10}-100\.webp 100w, \/_galley\/images\/map-[\da-f]{10}-200\.webp 200w" sizes="100vw"><img src="\/posts\/img\/map\.png" alt="Map" width="200" height="100"><\/picture><\/p>\n<p><img src="\/logo\.png" alt="Logo" loading="lazy" decoding="async" width="64" height="32"><\/p>$/
      )
      // No missing image: the one beside the post is emitted, public/'s is the bundler's.
      expect(logged(warnings)).toEqual([])
      const names = output.filter((item) => item.type === 'asset').map((item) => item.fileName)
      expect(names).toEqual(
        expect.arrayContaining([
          'posts/img/map.png',
          expect.stringMatching(/^_galley\/images\/map-[\da-f]{10}-100\.webp$/),
          expect.stringMatching(/^_galley\/images\/map-[\da-f]{10}-200\.webp$/)
        ])
      )
      expect(names).not.toContain('logo.png')
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('should render every feature and hook in a post module with each bundler, as `galley build` does', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-unplugin-writer-'))
    try {
      await mkdir(path.join(root, 'content/posts'), { recursive: true })
      await writeFile(path.join(root, 'content/posts/writer.md'), writerPost)
      const entry = path.join(root, 'main.js')
      await writeFile(
        entry,
        "import post from './content/posts/writer.md'\nexport const html = post.html\n"
      )
      const settings = { site: 'https://blog.test/', root, markdown: writerMarkdown }
      const bundled: Record<string, string> = {}
      const rolled = await rollup({ input: entry, plugins: [rollupPlugin(settings)] })
      bundled.rollup = ((await rolled.generate({ format: 'es' })).output[0] as OutputChunk).code
      const down = await rolldown({ input: entry, plugins: [rolldownPlugin(settings)] })
      bundled.rolldown = (await down.generate({ format: 'es' })).output[0].code
      const vited = await viteBuild({
        root,
        logLevel: 'silent',
        configFile: false,
        plugins: [vitePlugin(settings)],
        build: {
          write: false,
          minify: false,
          lib: { entry: 'main.js', formats: ['es'], fileName: 'main' }
        }
      })
      const [first] = Array.isArray(vited) ? vited : [vited]
      const chunk = (first && 'output' in first ? first.output : []).find(
        (item) => item.type === 'chunk'
      )
      bundled.vite = chunk && 'code' in chunk ? chunk.code : ''
      const built = await esbuild({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: 'esm',
        logLevel: 'silent',
        plugins: [esbuildPlugin(settings)]
      })
      bundled.esbuild = built.outputFiles[0]?.text ?? ''
      const out = path.join(root, 'webpack')
      const stats = await bundleWithWebpack(root, out, settings)
      expect(stats.toJson({ all: false, errors: true }).errors).toEqual([])
      bundled.webpack = await readFile(path.join(out, 'main.js'), 'utf8')
      const html = (await run(bundled.rollup)).html as string
      expectWriterSyntax(html)
      for (const [name, code] of Object.entries(bundled)) {
        expect({ name, html: (await run(code)).html }).toEqual({ name, html })
      }
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }, 60_000)
})
