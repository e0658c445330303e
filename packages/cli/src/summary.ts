import type { BuildResult } from '@galley/core'
import type { ImageStats } from '@galley/images/node'
import { count, plural } from './report.js'

/**
 * `built 1,204 pages in 3.2 s: 3 rendered, 1,201 from cache`; `… from 10
 * files: …` when the content files are not the pages one for one (drafts,
 * data files).
 */
export function builtLine(
  result: BuildResult<unknown>,
  started: number,
  images?: Readonly<ImageStats> | undefined
): string {
  const pages = result.pages.length + Object.values(result.entries).flat().length
  const { rendered, cached, kept } = result.renders
  const parts = [
    rendered > 0 ? `${count(rendered)} rendered` : '',
    cached > 0 ? `${count(cached)} from cache` : '',
    kept > 0 ? `${count(kept)} unchanged` : ''
  ].filter(Boolean)
  const files = rendered + cached + kept
  const from = files !== pages && files > 0 ? ` from ${plural(files, 'file')}` : ''
  return `built ${plural(pages, 'page')} in ${elapsed(started)}${from}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}${imageWork(images)}`
}

/**
 * The image work of a build, when it did any: `; 3 images read, 12
 * variants made, 1 downloaded` (none when everything came from the cache).
 */
function imageWork(images: Readonly<ImageStats> | undefined): string {
  if (!images) return ''
  const parts = [
    images.probed > 0 ? `${plural(images.probed, 'image')} read` : '',
    images.encoded > 0 ? `${plural(images.encoded, 'variant')} made` : '',
    images.downloaded > 0 ? `${count(images.downloaded)} downloaded` : ''
  ].filter(Boolean)
  return parts.length > 0 ? `; ${parts.join(', ')}` : ''
}

/** Time since `started`: `380 ms`, `3.2 s`. */
export function elapsed(started: number): string {
  const ms = performance.now() - started
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
