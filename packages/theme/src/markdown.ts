import type { OutputFile } from '@galley/core'

/**
 * The Markdown features the theme styles and turns on (`galley build`
 * merges them under a config's own `markdown` when the theme lays out
 * posts): GitHub alerts, directives, emoji shortcodes, `[[toc]]` and
 * heading anchor links. Math is styled (`katexAssets`) but stays off by
 * default: with it, `$5 and $10` in prose is a formula; turn it on with
 * `markdown: { math: true }`.
 */
export const themeMarkdown: Readonly<{
  alerts: true
  directives: true
  emoji: true
  toc: true
  headingLinks: true
}> = Object.freeze({
  alerts: true,
  directives: true,
  emoji: true,
  toc: true,
  headingLinks: true
})

/**
 * The `sizes` of responsive images in the theme's layout: as wide as the
 * text column (40rem) on a wide screen, the screen on a narrow one, so a
 * browser loads no wider variant than it shows (`galley build` sets it
 * when the theme lays out posts and `images.responsive` names none).
 */
export const themeImageSizes = '(min-width: 42rem) 40rem, 100vw'

/** URL path of KaTeX's stylesheet, linked by pages that have math. */
export const katexStylesheet = '/_galley/katex/katex.min.css'

/**
 * KaTeX's stylesheet and fonts (woff2, woff, ttf), from the `katex`
 * package the theme depends on (the version remark-math's KaTeX renders
 * with), as files to copy into the site under `/_galley/katex/`.
 *
 * @returns
 *   Files, with paths inside the site.
 */
export async function katexAssets(): Promise<OutputFile[]> {
  const { readdir, readFile } = await import('node:fs/promises')
  const { createRequire } = await import('node:module')
  const path = await import('node:path')
  const css = createRequire(import.meta.url).resolve('katex/dist/katex.min.css')
  const folder = path.dirname(css)
  const fonts = (await readdir(path.join(folder, 'fonts'))).sort()
  const files: OutputFile[] = [
    { path: katexStylesheet.slice(1), value: new Uint8Array(await readFile(css)) }
  ]
  for (const name of fonts) {
    files.push({
      path: `_galley/katex/fonts/${name}`,
      value: new Uint8Array(await readFile(path.join(folder, 'fonts', name)))
    })
  }
  return files
}
