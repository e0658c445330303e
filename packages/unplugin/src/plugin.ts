import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createGalley, foldersOf, type GalleyConfig, type Page } from '@galley/core'
import { toJsonReport } from '@galley/links'
import { createUnplugin, type UnpluginInstance } from 'unplugin'
import { VFile } from 'vfile'
import { collectionTypes } from './dts.js'
import { type Placing, report } from './messages.js'
import { collectionModule, entryModule } from './module.js'
import type { Options } from './options.js'
import { siteBuilder } from './site.js'

/**
 * The module of a post that failed, after its error is reported: where the
 * error does not throw (esbuild, webpack), the bundler must not read the
 * Markdown as JavaScript and add errors of its own.
 */
const failed = { code: 'export default undefined\n', map: null }

const virtual = 'virtual:galley/collection/'
const resolved = '\0galley-collection:'

/**
 * The Galley plugin for every bundler unplugin supports. Importing a `.md`
 * file gives a module with its validated `frontmatter`, `html`, `headings`,
 * `toc`, `excerpt`, `stats` and `url`; importing
 * `virtual:galley/collection/posts` (or another collection) gives its
 * published `entries`. Galley's warnings become the bundler's warnings, and a
 * fatal problem (such as invalid front matter) fails the build, with file,
 * line and column. Builds emit the feeds, the sitemap and the link report.
 */
export const unplugin: UnpluginInstance<Options | undefined, false> = createUnplugin<
  Options | undefined,
  false
>((given, meta) => {
  const options: Options = given ?? { site: 'http://localhost/' }
  const include = options.include ?? /\.md$/
  const builder = siteBuilder(options)
  // For `.md` files outside the content folder.
  const single = createGalley({ ...options, links: false, feed: false })
  let root = path.resolve(options.root ?? process.cwd())
  let serving = false
  let reported = new WeakSet<VFile>()
  let built = false
  const drafts = () => options.drafts ?? serving
  // webpack and Rspack keep only a message's text; a Vite build prints a
  // warning's text alone (its dev server and errors show `loc`).
  const placing = (): Placing =>
    meta.framework === 'webpack' || meta.framework === 'rspack'
      ? 'text'
      : meta.framework === 'vite' && !serving
        ? 'warnings'
        : 'loc'
  const contentRoot = () => path.resolve(root, foldersOf(options).contentDir)
  const inContent = (file: string) => file.startsWith(contentRoot() + path.sep)
  const site = () => {
    built = true
    return builder.get(root, drafts())
  }
  const invalidate = (file?: string) => {
    builder.invalidate(file)
    reported = new WeakSet()
  }

  return {
    name: 'galley',
    enforce: 'pre',

    async buildStart() {
      reported = new WeakSet()
      if (!options.dts) return
      const target = path.resolve(root, options.dts)
      const text = collectionTypes(options as GalleyConfig)
      const old = await readFile(target, 'utf8').catch(() => undefined)
      if (old !== text) {
        await mkdir(path.dirname(target), { recursive: true })
        await writeFile(target, text)
      }
    },

    resolveId(id) {
      if (id.startsWith(virtual)) return resolved + id.slice(virtual.length)
      // webpack asks for the resolved form itself (see `webpack` below).
      return id.startsWith(resolved) ? id : undefined
    },

    loadInclude: (id) => id.startsWith(resolved),
    async load(id) {
      if (!id.startsWith(resolved)) return undefined
      const name = id.slice(resolved.length)
      const known = ['posts', ...Object.keys(options.collections ?? {})]
      if (!known.includes(name) || options.collections?.[name]?.type === 'data') {
        this.error(
          `Cannot find content collection \`${name}\`; expected one of ${known.map((item) => `\`${item}\``).join(', ')}`
        )
      }
      const build = await site()
      for (const file of build.watched) this.addWatchFile(file)
      report(this, build.files, root, reported, placing())
      const pages = name === 'posts' ? build.result.pages : (build.result.entries[name] ?? [])
      return collectionModule(pages as ReadonlyArray<Page<unknown>>)
    },

    transformInclude: (id) => include.test(id.replace(/\?.*$/, '')),
    async transform(code, id) {
      const file = path.resolve(id.replace(/\?.*$/, ''))
      if (!include.test(file)) return undefined
      if (inContent(file)) {
        // Rendered with the whole site, so links to other posts are checked.
        const build = await site()
        const page = build.byFile.get(file)
        const found = build.fileOf.get(file)
        const own = found ? [found] : []
        report(this, own, root, reported, placing())
        if (page) return { code: entryModule(page), map: null }
        if (own.some((item) => item.messages.some((message) => message.fatal))) return failed
      }
      const vfile = new VFile({ path: file, value: code })
      const page = await single.processFile(vfile)
      // `this.error` throws in Rollup and Vite; esbuild and webpack gather errors.
      report(this, [vfile], root, new WeakSet(), placing())
      return page ? { code: entryModule(page as Page<unknown>), map: null } : failed
    },

    watchChange(id) {
      if (inContent(path.resolve(id))) invalidate(path.resolve(id))
    },

    async buildEnd() {
      if (serving || !built || options.emit === false) return
      const build = await site()
      for (const asset of build.assets) {
        this.emitFile({ type: 'asset', fileName: asset.path, source: asset.value })
      }
      this.emitFile({
        type: 'asset',
        fileName: 'galley-links.json',
        source: `${JSON.stringify(toJsonReport(build.files), null, 2)}\n`
      })
    },

    // webpack reads `virtual:` as a URL scheme before any resolver runs:
    // ask for the resolved id instead, which `resolveId` and `load` take.
    webpack(compiler) {
      compiler.hooks.normalModuleFactory.tap('galley', (factory) => {
        factory.hooks.beforeResolve.tap('galley', (data) => {
          if (data.request.startsWith(virtual)) {
            data.request = resolved + data.request.slice(virtual.length)
          }
        })
      })
    },

    vite: {
      // Before Vite transforms a changed post again: drop the site build.
      handleHotUpdate(context) {
        if (inContent(path.resolve(context.file))) invalidate(path.resolve(context.file))
      },
      configResolved(config) {
        root = path.resolve(config.root, options.root ?? '.')
        serving = config.command === 'serve'
      },
      configureServer(server) {
        // A post added, changed or deleted: build the site again (a changed
        // post alone, when the site keeps its shape) and update the
        // collection modules and the post's own module, in every
        // environment (client and SSR).
        const update = async (file: string) => {
          if (!inContent(path.resolve(file))) return
          invalidate(path.resolve(file))
          const ids = [
            ...['posts', ...Object.keys(options.collections ?? {})].map((name) => resolved + name),
            path.resolve(file)
          ]
          for (const environment of Object.values(server.environments)) {
            for (const id of ids) {
              const module = environment.moduleGraph.getModuleById(id)
              if (module) await environment.reloadModule(module)
            }
          }
        }
        server.watcher.on('add', update)
        server.watcher.on('change', update)
        server.watcher.on('unlink', update)
      }
    }
  }
})
