import type { Options as FrontmatterOptions } from '@galley/frontmatter'
import type { Options as SanitizeOptions } from 'rehype-sanitize'
import type { Options as RemarkRehypeOptions } from 'remark-rehype'
import type remarkSmartypants from 'remark-smartypants'
import type { PluggableList } from 'unified'
import type { VFile } from 'vfile'
import type { Hooks } from './hooks.js'

/** Options of remark-smartypants. */
export type SmartypantsOptions = NonNullable<Parameters<typeof remarkSmartypants>[0]>

/** Syntax highlighting with Shiki. */
export interface HighlightOptions {
  /** Theme for every block (default: `'github-light'`; ignored when `themes` is given). */
  theme?: string | null | undefined
  /** Light and dark themes, written as CSS variables (`--shiki-dark`) for `prefers-color-scheme`. */
  themes?: { light: string; dark: string } | null | undefined
  /** Languages to load up front; others that Shiki knows load on first use (default: none). */
  langs?: ReadonlyArray<string> | null | undefined
}

/** `rel` and `target` for links to other origins. */
export interface ExternalLinksOptions {
  /** Origin of the site: links elsewhere are external (default: every absolute http(s) link). */
  site?: string | URL | null | undefined
  /** `rel` of external links (default: `['noopener', 'noreferrer']`). */
  rel?: ReadonlyArray<string> | string | null | undefined
  /** `target` of external links, such as `'_blank'` (default: none). */
  target?: string | null | undefined
}

/** Configuration for `createProcessor` and `createMarkdownProcessor`. */
export interface Options {
  /**
   * Front matter handling: a `schema` to validate with and an `unknownKeys`
   * policy, or `false` to treat a leading block as Markdown (default: YAML,
   * TOML and JSON front matter, parsed, not validated).
   */
  frontmatter?: FrontmatterOptions | false | null | undefined
  /** Whether to support GitHub Flavored Markdown: tables, task lists, … (default: `true`). */
  gfm?: boolean | null | undefined
  /**
   * Read Hugo's shortcodes (`remarkGalleyShortcodes`): `ref` and `relref`
   * in links, `figure` on its own line, a warning for others (default:
   * `true`).
   */
  shortcodes?: boolean | null | undefined
  /** Smart quotes, dashes and ellipses with remark-smartypants (default: `false`). */
  smartypants?: SmartypantsOptions | boolean | null | undefined
  /** Remark plugins, run after the built-in ones and before remark-rehype (default: none). */
  remarkPlugins?: PluggableList | null | undefined
  /** Options for remark-rehype, such as footnote labels (default: none). */
  remarkRehype?: Omit<RemarkRehypeOptions, 'allowDangerousHtml'> | null | undefined
  /** Rehype plugins, run after heading ids, highlighting and hooks, before serializing (default: none). */
  rehypePlugins?: PluggableList | null | undefined
  /**
   * Whether raw HTML in Markdown is kept in the output (default: `true`:
   * authors are trusted, as in Astro and Hugo; see the README's Security
   * section before rendering untrusted content).
   */
  allowDangerousHtml?: boolean | null | undefined
  /**
   * Sanitize the HTML with rehype-sanitize (GitHub's rules, keeping ids and
   * classes): `true`, or a schema of your own (default: `false`).
   */
  sanitize?: SanitizeOptions | boolean | null | undefined
  /** Highlight code blocks with Shiki, loaded on first use: `true` or options (default: `false`). */
  highlight?: HighlightOptions | boolean | null | undefined
  /** Add `rel` (and `target`) to links to other origins (default: off). */
  externalLinks?: ExternalLinksOptions | boolean | null | undefined
  /**
   * Rewrite links to Markdown files (`./other.md#setup`) to their final URL:
   * given the linked file's path (resolved against the linking file's folder;
   * a path written from the top, `/posts/a.md`, is passed as it is, starting
   * with `/`), return its URL, or `undefined` to keep the link as written
   * (default: none). A link from Hugo's `ref` shortcode that gives no URL is
   * asked again from the top (`/a.md`).
   */
  resolveLink?: ((path: string, file: VFile) => string | undefined) | null | undefined
  /** Render hooks, as in Hugo: replace how links, images, headings and code blocks render (default: none). */
  hooks?: Hooks | null | undefined
  /** Words read per minute, for `stats.readingMinutes` (default: `200`; CJK characters count at 500). */
  wordsPerMinute?: number | null | undefined
  /**
   * Largest document rendered, in bytes (default: `5242880`, 5 MiB; `Infinity`
   * for no limit): a longer one gets a fatal `too-large` message at once,
   * instead of minutes and gigabytes of memory (unified takes about 5 s and
   * 600 MB a megabyte).
   */
  maxSize?: number | null | undefined
}
