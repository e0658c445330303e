import type { blogSchema } from '@galley/frontmatter'
import type { ImageInfo, ImageProblem } from '@galley/images'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { VFile } from 'vfile'
import {
  fromCached,
  hash,
  keepCachedData,
  routesHold,
  storedFrontmatter,
  toCached
} from './cache.js'
import { madeBy, refuseCollisions } from './collisions.js'
import { bundleFilePath, contentLinks, linkedFiles, urlOfContentFile } from './content-files.js'
import { foldersOf } from './folders.js'
import { imageRoute } from './images.js'
import { restoreMessages, storeMessages } from './messages.js'
import type { OutputFile } from './output.js'
import { PermalinkError, slugOf, toPermalink } from './permalink.js'
import { placeOf } from './place.js'
import { isPublished } from './publish.js'
import { checkReferences } from './references.js'
import {
  createRenderers,
  type Kind,
  kindsOf,
  type RenderInput,
  renderKey,
  validatedData,
  validateEntry
} from './render.js'
import { filesKey } from './resolve-files.js'
import { type Arranged, arrange, layOut } from './site.js'
import { digestOf, fromSnapshotEntry, hasDigest, linksUnread, toSnapshotEntry } from './snapshot.js'
import { source } from './source.js'
import { taxonomyPatterns } from './taxonomies.js'
import { checkTerms } from './terms-check.js'
import { changedFields, type Dirty, noteRender } from './trace.js'
import type {
  BuildSnapshot,
  BundleFile,
  CachedRender,
  ContentFile,
  DataEntry,
  GalleyConfig,
  Page,
  PostData,
  PostSchema,
  SnapshotFile,
  SnapshotText
} from './types.js'
import { replaceEntry, sameShape } from './update.js'

/** What a build gives: pages, files to write, and every file with its messages. */
export interface BuildResult<D> {
  /** Published posts, newest first. */
  pages: Array<Page<D>>
  /** Published entries of the other content collections, by collection, sorted by URL. */
  entries: Record<string, Array<Page<unknown>>>
  /** Files to write into the output folder (pages when there are layouts, and the feed). */
  outputs: OutputFile[]
  /** Every input file, carrying its messages. */
  files: VFile[]
  /** Whether no file has a fatal message (then, and only then, the site may be written). */
  ok: boolean
  /** How the entries were had: rendered now, taken from the render cache, or kept from the build resumed or updated. */
  renders: RenderCounts
}

/** How many entries a build rendered, took from the render cache, and kept as they were. */
export interface RenderCounts {
  /** Rendered by this build (on this thread or in workers). */
  rendered: number
  /** Taken from the render cache (`GalleyConfig.cache`). */
  cached: number
  /** Kept from the build this one resumed (`resume`) or updated (`update`). */
  kept: number
}

/** Renders files elsewhere, such as in worker threads. */
export interface RenderPool {
  /** Render one file, as `createRenderFunction` does. */
  render(input: RenderInput): Promise<CachedRender>
  /** Stop the pool's workers. */
  close(): Promise<void> | void
}

/** Extra input of a build. */
export interface BuildOptions {
  /**
   * Files copied into the site as they are, such as the contents of
   * `public/` (`{ path: 'images/logo.png', value: bytes }`): links to them
   * count as links to existing pages (default: none).
   */
  assets?: Iterable<OutputFile> | null | undefined
  /**
   * The files of page bundles (`loadSite` finds them): each is copied next
   * to its page, at the page's URL folder, and links to it count as links
   * to existing pages; the files of pages not published are not copied
   * (default: none).
   */
  bundles?: Iterable<BundleFile> | null | undefined
  /**
   * The other files of the content folder (`loadSite` finds them: not
   * Markdown, not a bundle's, not data): a relative link from a page to one
   * (`![map](img/map.png)` in `content/posts/trip.md`) resolves against the
   * page's file, as GitHub renders it, to the file's URL, its path in the
   * content folder (`/posts/img/map.png`), and the files a published page
   * links to are copied there; the others are not (default: none).
   */
  files?: Iterable<ContentFile> | null | undefined
  /**
   * What is known of the site's images (`loadSite` reads them with
   * `@galley/images/node`), by the key a page's `src` finds each with:
   * its URL path for a content file or an asset (`/posts/img/map.png`, as
   * written, not percent-encoded), its source path for a bundle's file
   * (`content/trip/train.jpg`). Pages get each image's `width`, `height`
   * and variants from it (default: none).
   */
  images?: Iterable<readonly [string, ImageInfo | ImageProblem]> | null | undefined
  /**
   * URL paths a host publishes itself (`/images/logo.png`: its static
   * folder, which it copies with `assets: false`): links and images to
   * them are found, and nothing is written for them (default: none).
   */
  served?: Iterable<string> | null | undefined
  /** Data collections that `references` point into, by name (default: none). */
  data?: Readonly<Record<string, ReadonlyArray<DataEntry>>> | null | undefined
  /** Called after each post is rendered (or read from the cache), for progress output. */
  onProgress?:
    | ((progress: { done: number; total: number; path: string }) => void)
    | null
    | undefined
  /**
   * Render in a pool of workers: called once a build, after the cache is
   * read, with the routes of every entry (`[path of its .md file, URL]`) and
   * the number of files left to render; it returns a pool (closed when
   * rendering is done), or `undefined` to render on this thread. Each worker
   * renders with `createRenderFunction(config, routes)` (default: no pool).
   */
  pool?:
    | ((routes: Array<[string, string]>, count: number) => RenderPool | undefined)
    | null
    | undefined
  /**
   * Milliseconds one file may take to render on this thread (without a
   * pool, or for files the pool is not given): past it, the file gets a
   * `render-error` and the build goes on without waiting for it. Only a
   * render that waits (a plugin whose promise never settles) can be left
   * behind so; one that never yields (a loop) holds the thread, as a pool's
   * worker would not (default: no limit).
   */
  renderTimeout?: number | null | undefined
}

/** A configured pipeline. */
export interface Galley<D> {
  /**
   * Validate and render one post. Content problems never throw: they are
   * messages on `file`, and the result is `undefined` when one is fatal.
   * `images` gives its images' sizes, as `BuildOptions.images` does.
   */
  processFile(
    file: VFile,
    options?: Readonly<Pick<BuildOptions, 'images'>> | null
  ): Promise<Page<D> | undefined>
  /**
   * The content collection a file path belongs to (`posts`, or another
   * collection whose glob takes it), or `undefined` when `collections.posts`
   * has a glob and no collection takes the file.
   */
  collectionOf(path: string): string | undefined
  /** Process every post, check links across them, and assemble pages and the feed. */
  build(files: Iterable<VFile>, options?: Readonly<BuildOptions> | null): Promise<BuildResult<D>>
  /**
   * Build again after some files changed, doing only what they need: each
   * changed file is rendered (or taken from the cache) and put in place of
   * its old version, its links are checked, and the site is laid out again
   * (layouts run when an output's value is read). The result, messages
   * included, is what `build` would give for the same files.
   *
   * That holds only while the site keeps its shape: every changed file was
   * in `previous` and keeps its URL, collection, date, terms, aliases,
   * heading ids and whether it is published, and no entry's publishing
   * changes with the clock (see `sameShape`), and its references resolve.
   * Otherwise — or when `previous` has errors or did not come from this
   * pipeline — it gives `undefined`, and the host calls `build`
   * with fresh files. Either way `previous` and `files` are spent: pages of
   * `previous` may have been changed in place.
   */
  update(previous: BuildResult<D>, files: Iterable<VFile>): Promise<BuildResult<D> | undefined>
  /**
   * A build as plain data, for another process to `resume` from: every
   * file's messages and every entry as the build left it. `undefined` when
   * `result` has errors, did not come from this pipeline, or its link
   * checker ran out of budget for “did you mean”. A value of front matter
   * that the structured-clone algorithm cannot keep (a function) makes the
   * host's `v8.serialize` throw: then keep no snapshot.
   */
  snapshot(result: BuildResult<D>): BuildSnapshot | undefined
  /**
   * Build from a `snapshot` of an earlier build with the same
   * configuration, assets and data (the host makes sure of that, such as by
   * keying the snapshot with a hash of them): files whose text is as it was
   * are taken from it, and the others go through `update`. The result,
   * messages included, is what `build` would give for `files`; it is
   * `undefined` when `update` would give that, or when the files are not
   * the snapshot's (another list of paths), or the clock publishes or
   * drops an entry the snapshot did not — then the host calls `build`.
   */
  resume(
    snapshot: Readonly<BuildSnapshot>,
    files: Iterable<VFile>,
    options?: Readonly<ResumeOptions> | null
  ): Promise<BuildResult<D> | undefined>
}

/** Extra input of `Galley.resume`. */
export interface ResumeOptions
  extends Pick<BuildOptions, 'assets' | 'bundles' | 'data' | 'files' | 'served'> {
  /**
   * Read an entry's `html` kept outside the snapshot (`SnapshotText`);
   * called only when a layout or a feed reads it (default: none: every
   * `html` must be in the snapshot).
   */
  text?: ((where: SnapshotText) => string) | null | undefined
  /**
   * Resume only when at most this many files changed, else give
   * `undefined` (changed files render on this thread, one after another;
   * a host with a worker pool builds many faster) (default: no limit).
   */
  most?: number | null | undefined
}

/**
 * Compose Galley's packages into one pipeline. It does no file or console
 * I/O, so any host can embed it; `@galley/core/node` reads and writes files.
 *
 * @param config
 *   Configuration.
 * @returns
 *   Pipeline.
 */
export function createGalley<S extends PostSchema = typeof blogSchema>(
  config: Readonly<GalleyConfig<S>>
): Galley<StandardSchemaV1.InferOutput<S>> {
  type D = StandardSchemaV1.InferOutput<S>
  const site = toSite(config.site)
  const settings = config as unknown as GalleyConfig<PostSchema>
  const kinds = kindsOf(settings)
  // Nothing here changes between calls: each build has its own routes and
  // pool (see `Run`), so two builds at once never mix.
  const renderHere = createRenderers(settings)
  // What `update` needs of each result this pipeline gave.
  const states = new WeakMap<BuildResult<D>, BuildState>()
  const taxonomies = [...taxonomyPatterns(settings.taxonomies).keys()]

  /**
   * The result of an arranged site, remembered for `update`. `same`: the
   * outputs are at the paths of a result that had no collision (an update
   * keeps every URL), so none is looked for.
   */
  function finish(state: BuildState, same = false): BuildResult<D> {
    const { arranged } = state
    const assetPaths = new Set(state.assets.map((asset) => asset.path))
    const all = [
      ...state.assets.map((asset) => {
        const copied = `${foldersOf(settings).publicDir}/${asset.path}`
        return madeBy(asset, { label: `\`${copied}\``, path: copied })
      }),
      ...arranged.bundled.map(({ file, path }) => {
        const copied = `${file.owner.replace(/[^/\\]+$/, '')}${file.path}`
        return madeBy({ path, value: file.value }, { label: `\`${copied}\``, path: copied })
      }),
      // The content files published pages link to (worked out anew, as an
      // update may add or drop a link); one that is an asset too (a Jekyll
      // site's folder is both) is copied once, as the asset.
      ...linkedFiles(arranged, (page) => linksOf(state, page))
        .filter(({ url }) => !assetPaths.has(arranged.outputPath(url)))
        .map(({ file, url }) =>
          madeBy(
            { path: arranged.outputPath(url), value: file.value },
            { label: `\`${file.path}\``, path: file.path }
          )
        ),
      ...layOut(arranged, settings, state.dirty)
    ]
    const written = same ? all : refuseCollisions(all, state.files)
    const ok = state.files.every((file) => !file.messages.some((message) => message.fatal))
    const result: BuildResult<D> = {
      pages: arranged.pages as unknown as Array<Page<D>>,
      entries: arranged.entries as Record<string, Array<Page<unknown>>>,
      outputs: written,
      files: state.files,
      ok,
      renders: { ...state.counts }
    }
    states.set(result, state)
    return result
  }

  const urlOf = (file: VFile, kind: Kind, data: PostData) => {
    const slug = data.slug || slugOf(file.path ?? 'index.md', config.fileNameDates)
    return {
      slug,
      url: toPermalink(kind.permalink, {
        slug,
        data,
        path: (file.path ?? '').replace(/\\/g, '/'),
        timeZone: config.timeZone ?? undefined
      })
    }
  }

  /**
   * Where an entry goes, from its validated data: its slug and URL, or the
   * content problem that makes the permalink impossible (a permalink
   * function that throws for another reason is a bug, and stops the build).
   */
  const placeFor = (file: VFile, kind: Kind, data: PostData): Place => {
    try {
      return urlOf(file, kind, data)
    } catch (error) {
      if (error instanceof PermalinkError) return error
      throw error
    }
  }

  /**
   * Render on this thread, or in the pool (whose result is already stored
   * data); a file validated already is sent with its data, and the pool
   * gives the render's messages only.
   */
  async function renderFresh(file: VFile, kind: Kind, run: Run): Promise<Rendered> {
    const pool = run.pool
    if (!pool) {
      const here = renderHere(file, kind, run.routes)
      const limit = run.renderTimeout
      if (!limit) return { result: await here, stored: undefined }
      const result = await withLimit(here, limit)
      if (result) return { result, stored: undefined }
      // Left behind: whatever it ends with later is not this build's.
      here.catch(() => undefined)
      failRender(
        file,
        `it took longer than ${limit / 1000} s (a plugin that never finishes?); the build went on without it`
      )
      return { result: failedRender, stored: undefined, failed: true }
    }
    let stored: CachedRender
    try {
      stored = await pool.render({
        path: file.path ?? '',
        value: String(file.value ?? ''),
        data: run.validated?.has(file) ? validatedData(file) : undefined
      })
    } catch (error) {
      // A worker that crashed, exited or ran out of time on this file: the
      // file is reported, the others still render (the pool starts another).
      failRender(file, error instanceof Error ? error.message : String(error))
      return { result: failedRender, stored: undefined, failed: true }
    }
    fromCached(file, stored)
    // What the cache keeps is every message of the file, the validation's too.
    return { result: stored, stored: { ...stored, messages: storeMessages(file) } }
  }

  /** The stored render of a file, if the cache has one (whether it still holds or not). */
  async function fetchStored(file: VFile, kind: Kind): Promise<CachedRender | undefined> {
    return config.cache ? await config.cache.get(renderKey(kind, file)) : undefined
  }

  /** A stored render that still holds: every route it linked to has the same URL now. */
  function holding(cached: CachedRender | undefined, run: Run): CachedRender | undefined {
    return cached && routesHold(cached, run.routes) ? cached : undefined
  }

  async function render(
    file: VFile,
    kind: Kind,
    cached: CachedRender | undefined,
    run: Run
  ): Promise<Rendered['result']> {
    const key = renderKey(kind, file)
    if (cached) {
      run.counts.cached++
      fromCached(file, cached)
      noteRender(file, hash(`${key}\u0000${JSON.stringify(cached.routes)}`))
      return cached
    }
    const before = new Set(Object.keys(file.data))
    run.counts.rendered++
    const { result, stored, failed } = await renderFresh(file, kind, run)
    // A failure is not kept: the next build tries the file again.
    if (failed) return result
    const entry = stored ?? toCached(file, result)
    // What a render here leaves on the file is what a cached or pooled
    // render puts back: a layout sees the same `file.data` either way, and
    // the rest (the collected Markdown, headings) is not kept in memory.
    if (!stored) keepCachedData(file, before)
    // The body is what the file, the config and the routes it read made.
    noteRender(file, hash(`${key}\u0000${JSON.stringify(entry.routes)}`))
    // In a build the routes are complete: the file's own is known to be right.
    const route = run.inBuild ? (run.routes.get(normalPath(file)) ?? null) : undefined
    await config.cache?.set(key, { ...entry, route })
    return result
  }

  async function processEntry(
    file: VFile,
    kind: Kind,
    cached: CachedRender | undefined,
    run: Run,
    known?: Place | undefined
  ): Promise<Page<D> | undefined> {
    // A file the loader knew by its stats is read when it must render: one
    // that cannot be read then (removed meanwhile) is reported, not rendered.
    if (!cached && unreadable(file)) return undefined
    const result = await render(file, kind, cached, run)
    if (file.messages.some((message) => message.fatal)) return undefined
    const data = file.data.galleyFrontmatter as D & PostData
    const where = known ?? placeFor(file, kind, data)
    if (where instanceof PermalinkError) {
      // Content that makes the permalink impossible is a message at the key.
      const message = file.message(where.message, {
        place: placeOf(file, [where.key]) ?? { line: 1, column: 1 },
        ruleId: where.ruleId,
        source
      })
      message.fatal = true
      return undefined
    }
    return {
      file,
      collection: kind.name,
      ...where,
      data,
      html: result.html,
      headings: result.headings,
      excerpt: result.excerpt,
      stats: result.stats,
      toc: result.toc
    }
  }

  return {
    collectionOf: (path) => kinds.of(path)?.name,
    async processFile(file, options) {
      // A file that already failed (a loader refused it) is not rendered.
      if (file.messages.some((message) => message.fatal)) return undefined
      const kind = kinds.of(file.path ?? '') ?? (kinds.get('posts') as Kind)
      // Alone, a file knows no other entry's route; its images, if given.
      const routes = new Map<string, string>()
      for (const [key, info] of options?.images ?? [])
        routes.set(imageRoute(key), JSON.stringify(info))
      const run: Run = { routes, pool: undefined, inBuild: false, counts: noCounts() }
      return processEntry(file, kind, holding(await fetchStored(file, kind), run), run)
    },
    async build(input, options) {
      const assets = [...(options?.assets ?? [])]
      const files: VFile[] = []
      const work: Array<{ file: VFile; kind: Kind }> = []
      for (const file of input) {
        const kind = kinds.of(file.path ?? '')
        files.push(file)
        // A file that already failed (a loader refused it) is reported, not rendered.
        if (kind && !file.messages.some((message) => message.fatal)) work.push({ file, kind })
      }
      const routes = new Map<string, string>()
      const validated = new WeakSet<VFile>()
      const run: Run = {
        routes,
        pool: undefined,
        inBuild: true,
        validated,
        counts: noCounts(),
        renderTimeout: options?.renderTimeout ?? undefined
      }
      const found = await Promise.all(work.map(({ file, kind }) => fetchStored(file, kind)))
      // Every entry's URL before any render (renders turn links to `.md`
      // files into URLs): a stored render knows it; for the rest, front
      // matter is validated now, once, on the file itself (the render then
      // validates nothing), and the URL made once.
      const places: Array<Place | undefined> = []
      for (const [index, { file, kind }] of work.entries()) {
        const cached = found[index]
        const route = cached?.route
        if (route !== undefined) {
          if (route !== null) routes.set(normalPath(file), route)
          continue
        }
        const data = cached
          ? (storedFrontmatter(cached) as PostData | undefined)
          : unreadable(file)
            ? undefined
            : await validateEntry(file, kind, settings)
        if (!cached) validated.add(file)
        if (!data || !file.path) continue
        const place = placeFor(file, kind, data)
        // own-key: `index` is an index.
        places[index] = place
        if (!(place instanceof PermalinkError)) routes.set(normalPath(file), place.url)
      }
      const contentFiles = [...(options?.files ?? [])]
      if (contentFiles.length > 0) {
        // Before any render or stored render is taken: links resolve to them.
        routes.set(filesKey, '1')
        for (const file of contentFiles) routes.set(file.path, urlOfContentFile(file, settings))
      }
      // A bundle's file published under another name (`hashFileNames`):
      // relative links to it are rewritten to that name.
      for (const file of options?.bundles ?? []) {
        if (file.published === undefined) continue
        routes.set(filesKey, '1')
        routes.set(bundleFilePath(file), relativeName(file))
      }
      // Each image's size and variants, by key: renders look them up.
      for (const [key, info] of options?.images ?? [])
        routes.set(imageRoute(key), JSON.stringify(info))
      const stored = found.map((item) => holding(item, run))
      const misses = stored.filter((item) => item === undefined).length
      run.pool = misses > 0 ? options?.pool?.([...routes], misses) : undefined
      const pool = run.pool
      const rendered: Array<Page<D> | undefined> = []
      let done = 0
      const one = async (index: number) => {
        const { file, kind } = work[index] as (typeof work)[number]
        // own-key: `index` is an index.
        rendered[index] = await processEntry(file, kind, stored[index], run, places[index])
        done++
        options?.onProgress?.({ done, total: work.length, path: file.path ?? '' })
      }
      try {
        // With a pool, every file at once so the workers render side by
        // side; on this thread, one after another. Results keep input order.
        if (pool) await Promise.all(work.map((_, index) => one(index)))
        else for (let index = 0; index < work.length; index++) await one(index)
      } finally {
        await pool?.close()
      }
      const all = rendered.filter((page) => page !== undefined)
      checkTerms(all, taxonomyPatterns(config.taxonomies).keys())
      const checked = config.references
        ? checkReferences(all, config.references, options?.data ?? {})
        : all
      // `InferOutput<S>` extends `PostData` because `S` does; TypeScript cannot see it in generics.
      // Laid out once, in `finish`.
      const bundles = [...(options?.bundles ?? [])]
      const arranged = arrange(
        checked as unknown as Array<Page<PostData>>,
        settings,
        site,
        [...assets.map((asset) => `/${asset.path}`), ...(options?.served ?? [])],
        undefined,
        bundles,
        contentFiles.map((file) => ({ file, url: urlOfContentFile(file, settings) })),
        // Files that exist but made no page: links to them say so.
        new Set(
          files
            .filter((file) => file.messages.some((message) => message.fatal))
            .map((file) => normalPath(file))
        )
      )
      return finish({
        routes,
        work,
        rendered: rendered as unknown as Array<Page<PostData> | undefined>,
        files,
        assets,
        data: options?.data ?? {},
        arranged,
        counts: run.counts
      })
    },
    async update(previous, input) {
      const state = states.get(previous)
      if (!state || !previous.ok) return undefined
      return updateState(state, input)
    },
    snapshot(result) {
      const state = states.get(result)
      if (!state || !result.ok) return undefined
      const { arranged } = state
      if (arranged.checker && !arranged.checker.complete) return undefined
      const byPath = new Map(state.work.map(({ file }, index) => [normalPath(file), index]))
      const published = new Set(arranged.everything)
      const linked: Array<[string, string[]]> = []
      if (arranged.contentFiles.length > 0) {
        for (const page of arranged.everything) {
          const urls = linksOf(state, page)
          if (urls.length > 0) linked.push([normalPath(page.file), [...urls]])
        }
      }
      return {
        version: 4,
        now: arranged.now.getTime(),
        routes: [...state.routes],
        spent: arranged.checker?.spent ?? 0,
        linked,
        files: state.files.map((file) => {
          const index = byPath.get(normalPath(file))
          const page = index === undefined ? undefined : state.rendered[index]
          // As the snapshot it resumed from had it: the same object.
          const kept = state.resumed?.get(file)
          if (
            kept &&
            file.messages.length === kept.messages &&
            (page === undefined
              ? kept.page === undefined
              : page === kept.page &&
                page.file === file &&
                // Not one whose links an update retitled.
                state.dirty?.has(String(file.path)) !== true &&
                published.has(page) === kept.stored.entry?.published)
          ) {
            return kept.stored
          }
          return {
            path: normalPath(file),
            digest: digestOf(file),
            rendered: index !== undefined,
            messages: storeMessages(file),
            entry: page && toSnapshotEntry(page, published.has(page))
          }
        })
      }
    },
    async resume(snapshot, input, options) {
      // The host's key covers the content files (`files`) too, as it does
      // the assets: the snapshot's routes have them.
      if (snapshot.version !== 4) return undefined
      const given = [...input]
      if (given.length !== snapshot.files.length) return undefined
      const now = config.now ?? new Date()
      const files: VFile[] = []
      const work: BuildState['work'] = []
      const rendered: BuildState['rendered'] = []
      const changed: VFile[] = []
      const resumed: NonNullable<BuildState['resumed']> = new Map()
      // Checked against the clock here, so `arrange` does not check again.
      const published = new Set<Page<PostData>>()
      for (const [index, file] of given.entries()) {
        const stored = snapshot.files[index] as SnapshotFile
        const kind = kinds.of(file.path ?? '')
        if (normalPath(file) !== stored.path) return undefined
        const renders = kind !== undefined && !file.messages.some((message) => message.fatal)
        if (renders !== stored.rendered) return undefined
        // A file as it was (a loader's message means it was not) is the
        // snapshot's; another stands for the old version until `update`
        // puts the new one in its place.
        const same = file.messages.length === 0 && hasDigest(file, stored.digest)
        const held = same ? file : new VFile({ cwd: file.cwd, path: file.path })
        if (!same) {
          if (!stored.entry) return undefined
          changed.push(file)
        }
        restoreMessages(held, stored.messages)
        files.push(held)
        const entry = kind && renders ? stored.entry : undefined
        const page = entry && fromSnapshotEntry(held, entry, options?.text)
        if (same) resumed.set(held, { stored, page, messages: held.messages.length })
        if (!kind || !renders) continue
        work.push({ file: held, kind })
        rendered.push(page)
        if (!entry || !page) continue
        if (isPublished(page.data, settings, now) !== entry.published) return undefined
        if (entry.published) published.add(page)
      }
      if (typeof options?.most === 'number' && changed.length > options.most) return undefined
      const assets = [...(options?.assets ?? [])]
      const arranged = arrange(
        rendered.filter((page) => page !== undefined),
        settings,
        site,
        [...assets.map((asset) => `/${asset.path}`), ...(options?.served ?? [])],
        { now, spent: snapshot.spent, published },
        [...(options?.bundles ?? [])],
        [...(options?.files ?? [])].map((file) => ({
          file,
          url: urlOfContentFile(file, settings)
        }))
      )
      const state: BuildState = {
        routes: new Map(snapshot.routes),
        counts: noCounts(work.length),
        work,
        rendered,
        files,
        assets,
        data: options?.data ?? {},
        arranged,
        resumed,
        dirty: new Map(),
        linked: new Map(snapshot.linked)
      }
      // A snapshot is only of a build with no errors, so with no collision;
      // this one has its URLs, its assets and its config (the host's key).
      return changed.length === 0 ? finish(state, true) : updateState(state, changed, true)
    }
  }

  /** `update`, on the state of a result: see `Galley.update`. */
  async function updateState(
    state: BuildState,
    input: Iterable<VFile>,
    same = true
  ): Promise<BuildResult<D> | undefined> {
    const { arranged } = state
    if (arranged.checker && !arranged.checker.complete) return undefined
    const given = [...input]
    const now = config.now ?? new Date()
    // The clock moved: an entry published then may not be now, or the reverse.
    if (now.getTime() !== arranged.now.getTime()) {
      const published = new Set(arranged.everything)
      for (const page of state.rendered) {
        if (page && isPublished(page.data, settings, now) !== published.has(page)) return undefined
      }
    }
    const run: Run = {
      routes: state.routes,
      pool: undefined,
      inBuild: true,
      counts: noCounts(state.work.length - given.length)
    }
    const byPath = new Map(state.work.map(({ file }, index) => [normalPath(file), index]))
    const changes: Array<{ index: number; page: Page<PostData> }> = []
    for (const file of given) {
      const index = byPath.get(normalPath(file))
      const old = index === undefined ? undefined : state.rendered[index]
      if (index === undefined || !old || file.messages.some((message) => message.fatal)) {
        return undefined
      }
      const { kind } = state.work[index] as (typeof state.work)[number]
      if (kinds.of(file.path ?? '') !== kind) return undefined
      const cached = holding(await fetchStored(file, kind), run)
      const page = (await processEntry(file, kind, cached, run)) as Page<PostData> | undefined
      if (!page) return undefined
      checkTerms([page], taxonomyPatterns(config.taxonomies).keys())
      // References resolve page by page, as `build` resolves them.
      if (
        config.references &&
        checkReferences([page], config.references, state.data).length === 0
      ) {
        return undefined
      }
      if (!sameShape(old, page, settings, taxonomies, now)) return undefined
      changes.push({ index, page })
    }
    const files = [...state.files]
    const rendered = [...state.rendered]
    const touched = new Set<Page<PostData>>()
    // What differs from the build resumed from, for its outputs' traces.
    const dirty = state.dirty && new Map(state.dirty)
    const mark = (page: Page<PostData>, fields: Iterable<string>) => {
      if (!dirty) return
      const id = String(page.file.path)
      dirty.set(id, new Set([...(dirty.get(id) ?? []), ...fields]))
    }
    for (const { index, page } of changes) {
      const old = rendered[index] as Page<PostData>
      const at = files.indexOf(old.file)
      // own-key: `at` is an index.
      if (at !== -1) files[at] = page.file
      const published = arranged.everything.includes(old)
      // Before `old` takes the new fields: which of them differ.
      if (dirty) mark(old, changedFields(old, page))
      replaceEntry(old, page, arranged.pages, touched)
      if (published) arranged.checker?.check(page.file)
    }
    if (arranged.checker && !arranged.checker.complete) return undefined
    for (const page of touched) mark(page, ['previous', 'next', 'related'])
    return finish({ ...state, files, rendered, dirty, counts: run.counts }, same)
  }
}

/**
 * A bundle file's published name as a link from its page gives it: the
 * page's folder is the bundle's, so relative (`img/map-1f2e3d4c.png`).
 */
function relativeName(file: BundleFile): string {
  return (file.published ?? file.path).split('/').map(encodeURIComponent).join('/')
}

/** What a build gave, kept for `update`. */
interface BuildState {
  routes: Map<string, string>
  /** What the build (or update) rendered, took from the cache and kept. */
  counts: RenderCounts
  /** Files to render, with their collection, in input order. */
  work: Array<{ file: VFile; kind: Kind }>
  /** The entry each of `work` gave (`undefined` when it failed). */
  rendered: Array<Page<PostData> | undefined>
  /** Every input file, with messages. */
  files: VFile[]
  assets: OutputFile[]
  /** The data collections `references` point into. */
  data: Readonly<Record<string, ReadonlyArray<DataEntry>>>
  arranged: Arranged
  /**
   * The files a resumed build took as they were, with what the snapshot
   * kept of each, the page made of it and how many messages it had then.
   */
  resumed?: Map<VFile, { stored: SnapshotFile; page: Page<PostData> | undefined; messages: number }>
  /** What differs from the build a resumed build resumed from (see `Dirty`). */
  dirty?: Dirty | undefined
  /** The content-file URLs of resumed pages, as the snapshot kept them (`BuildSnapshot.linked`). */
  linked?: ReadonlyMap<string, ReadonlyArray<string>> | undefined
}

/**
 * The content-file URLs a page links to: from its link index, or, for a
 * resumed page whose index is still unread, as its snapshot kept them.
 */
function linksOf(state: BuildState, page: Page<PostData>): ReadonlyArray<string> {
  const { contentFiles } = state.arranged
  if (contentFiles.length === 0) return []
  if (state.linked && linksUnread(page.file)) return state.linked.get(normalPath(page.file)) ?? []
  return contentLinks(page, urlsOf(contentFiles))
}

/** The URLs of a site's content files, as a set made once per list. */
const contentUrls = new WeakMap<object, ReadonlySet<string>>()
function urlsOf(files: ReadonlyArray<{ url: string }>): ReadonlySet<string> {
  let urls = contentUrls.get(files)
  if (!urls) {
    urls = new Set(files.map((item) => item.url))
    contentUrls.set(files, urls)
  }
  return urls
}

/** What one call renders with: its routes, its pool, whether it is a build. */
interface Run {
  routes: Map<string, string>
  pool: RenderPool | undefined
  /** `BuildOptions.renderTimeout`, for renders on this thread. */
  renderTimeout?: number | undefined
  inBuild: boolean
  /** Files whose front matter this build validated before rendering them (`validateEntry`). */
  validated?: WeakSet<VFile> | undefined
  /** What the run rendered and took from the cache. */
  counts: RenderCounts
}

function noCounts(kept = 0): RenderCounts {
  return { rendered: 0, cached: 0, kept }
}

/** Where an entry goes (`slug`, `url`), or why it cannot go anywhere. */
type Place = { slug: string; url: string } | PermalinkError

interface Rendered {
  result: Pick<CachedRender, 'excerpt' | 'headings' | 'html' | 'stats' | 'toc'>
  stored: CachedRender | undefined
  /** The pool could not render the file (it has a fatal message). */
  failed?: boolean
}

/** What a render that failed leaves: nothing (its file has a fatal message). */
/** A fatal `render-error` at the top of `file`: it could not be rendered, because `why`. */
function failRender(file: VFile, why: string): void {
  const message = file.message(`Cannot render this document: ${why}`, {
    place: { line: 1, column: 1 },
    ruleId: 'render-error',
    source
  })
  message.fatal = true
}

/** What `promise` gives within `ms`, or `undefined` when it takes longer. */
async function withLimit<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

const failedRender: Rendered['result'] = {
  html: '',
  headings: [],
  toc: [],
  excerpt: { html: '', text: '', divider: false },
  stats: { words: 0, readingMinutes: 0 }
}

function toSite(value: string | URL): URL {
  try {
    return new URL(value)
  } catch {
    throw new TypeError(`Expected \`site\` to be an absolute URL, not \`${String(value)}\``)
  }
}

/** A file's path as routes key it: `/` separators. */
function normalPath(file: VFile): string {
  return (file.path ?? '').replace(/\\/g, '/')
}

/**
 * Whether reading a file's text failed: the loader puts an `unreadable-file`
 * error on a file it knew by its stats when its text cannot be read once it
 * is needed (removed meanwhile). Reads the text.
 */
function unreadable(file: VFile): boolean {
  return file.value === '' && file.messages.some((message) => message.ruleId === 'unreadable-file')
}
