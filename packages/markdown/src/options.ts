import type { Options as FrontmatterOptions } from '@galley/frontmatter'
import type { Options as KatexOptions } from 'rehype-katex'
import type { Options as SanitizeOptions } from 'rehype-sanitize'
import type { Options as RemarkRehypeOptions } from 'remark-rehype'
import type remarkSmartypants from 'remark-smartypants'
import type { ShikiTransformer } from 'shiki'
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
  /**
   * Shiki's notation and meta transformers: `{1,3-5}` and `/word/` in the
   * fence's meta highlight lines and words; `// [!code ++]`, `[!code --]`,
   * `[!code highlight]`, `[!code word:name]` and `[!code focus]` comments
   * in the code mark lines (default: `true`).
   */
  notation?: boolean | null | undefined
  /** More Shiki transformers, run after the notation ones (default: none). */
  transformers?: ReadonlyArray<ShikiTransformer> | null | undefined
}

/** Math with remark-math, rendered to HTML by KaTeX at build time. */
export interface MathOptions {
  /**
   * Whether `$…$` is inline math as well as `$$…$$` (default: `true`, as on
   * GitHub; `false` if the content writes prices such as `$5`).
   */
  singleDollar?: boolean | null | undefined
  /** Options of KaTeX, such as `macros` (default: none; `trust` is always `false`). */
  katex?: Omit<KatexOptions, 'displayMode' | 'throwOnError' | 'trust'> | null | undefined
}

/** A table of contents where a post writes `[[toc]]` on a line of its own. */
export interface TocOptions {
  /** Shallowest heading listed (default: `2`). */
  minDepth?: 1 | 2 | 3 | 4 | 5 | 6 | null | undefined
  /** Deepest heading listed (default: `3`). */
  maxDepth?: 1 | 2 | 3 | 4 | 5 | 6 | null | undefined
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
  /**
   * GitHub alerts: a blockquote starting with `[!NOTE]`, `[!TIP]`,
   * `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` renders with GitHub's markup
   * (`div.markdown-alert.markdown-alert-note`) (default: `false`).
   */
  alerts?: boolean | null | undefined
  /**
   * Directives (remark-directive): `:::note` … `:::`, `::name{a=b}`,
   * `:name[label]{a=b}`, rendered by `hooks.directives` or built in (`note`,
   * `tip`, `important`, `warning`, `caution` as GitHub alerts, `details`,
   * `abbr`); an unknown one is a `directive` warning and shown as written
   * (default: `false`).
   */
  directives?: boolean | null | undefined
  /** Math: `$…$`, `$$…$$` and ```` ```math ```` rendered by KaTeX at build time (default: `false`). */
  math?: MathOptions | boolean | null | undefined
  /** Emoji shortcodes (`:tada:` → 🎉), GitHub's list, with remark-gemoji (default: `false`). */
  emoji?: boolean | null | undefined
  /** A table of contents where a paragraph is just `[[toc]]` (default: `false`: the text stays). */
  toc?: TocOptions | boolean | null | undefined
  /**
   * An anchor link after each heading with an `id`, for readers to copy:
   * `<a class="heading-anchor" href="#id">` with a label for screen readers
   * (default: `false`).
   */
  headingLinks?: boolean | null | undefined
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
