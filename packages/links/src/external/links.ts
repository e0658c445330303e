import type { Position } from 'unist'
import { VFile } from 'vfile'
import { source } from '../check.js'
import { checkExternal, type ExternalReport } from './external.js'
import type { ExternalOptions } from './types.js'

/** What `checkExternalLinks` gives besides the messages it adds. */
export interface ExternalLinksReport extends ExternalReport {
  /** A file for the cache, carrying a `corrupt-cache` warning when the cache was discarded. */
  files: VFile[]
}

/**
 * Check the external links (other origins, `mailto:`, `tel:`) of files that
 * ran through `rehypeGalleyLinks`, and add a message at each link that is
 * broken (`broken-external`, warning), unverifiable (`unverifiable-external`,
 * info: reported, never failing a build) or permanently redirected
 * (`permanent-redirect`, warning naming the final URL).
 *
 * @param files
 *   Rendered files.
 * @param options
 *   External options, plus `site` (links to it are internal, not checked here).
 * @returns
 *   Report.
 */
export async function checkExternalLinks(
  files: ReadonlyArray<VFile>,
  options?: Readonly<ExternalOptions & { site?: string | URL | null | undefined }> | null
): Promise<ExternalLinksReport> {
  const site = options?.site ? new URL(options.site).origin : undefined
  const uses: Array<{ file: VFile; url: string; place: Position | undefined }> = []
  for (const file of files) {
    for (const link of file.data.galleyLinks?.links ?? []) {
      let url: URL
      try {
        url = new URL(link.href)
      } catch {
        continue // Relative: internal.
      }
      if (url.origin === site) continue
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol)) continue
      uses.push({ file, url: link.href, place: link.place })
    }
  }

  const report = await checkExternal(
    uses.map((use) => use.url),
    options
  )

  for (const use of uses) {
    const result = report.results.get(use.url)
    if (!result) continue // Excluded.
    const place = use.place
    if (result.verdict === 'broken') {
      const message = use.file.message(`Cannot reach \`${use.url}\`: ${result.reason}`, {
        place,
        ruleId: 'broken-external',
        source
      })
      message.actual = use.url
    } else if (result.verdict === 'unverifiable') {
      const message = use.file.info(`Cannot verify \`${use.url}\`: ${result.reason}`, {
        place,
        ruleId: 'unverifiable-external',
        source
      })
      message.actual = use.url
    } else if (result.permanent && result.finalUrl) {
      const message = use.file.message(
        `Unexpected permanent redirect from \`${use.url}\` to \`${result.finalUrl}\`; link to the final URL`,
        { place, ruleId: 'permanent-redirect', source }
      )
      message.expected = [result.finalUrl]
    }
  }

  const cacheFiles: VFile[] = []
  for (const warning of report.warnings) {
    const file = new VFile({ path: options?.cache ?? 'cache' })
    file.message(warning, { ruleId: 'corrupt-cache', source })
    cacheFiles.push(file)
  }
  return { ...report, files: cacheFiles }
}
