import type { GalleyConfig, PostSchema } from '@galley/core'

/** Configuration for the plugin: a Galley configuration, plus how the bundler sees it. */
export interface Options<S extends PostSchema = PostSchema> extends GalleyConfig<S> {
  /** Pattern of module ids to handle as posts (default: `/\.md$/`). */
  include?: RegExp | null | undefined
  /**
   * Folder that `contentDir` and `dts` are relative to (default: Vite's
   * `root`, else the working directory).
   */
  root?: string | null | undefined
  /**
   * Whether drafts are in collections (default: in the Vite dev server yes,
   * in builds no).
   */
  drafts?: boolean | null | undefined
  /**
   * Write type declarations of the collection modules to this file (relative
   * to `root`), such as `'src/galley-env.d.ts'`, when the build starts
   * (default: none; `@galley/unplugin/client` then types every collection
   * with the blog schema's shape).
   */
  dts?: string | false | null | undefined
  /**
   * Emit the feeds (RSS, Atom, JSON Feed, per-term RSS) and `sitemap.xml`
   * into the bundle, and `galley-links.json`, the link report (default:
   * `true`, in builds).
   */
  emit?: boolean | null | undefined
}
