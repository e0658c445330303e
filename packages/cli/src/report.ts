import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'

type VFileMessage = VFile['messages'][number]

/** Configuration for `textReport`. */
export interface TextReportOptions {
  color: boolean
  /** List every message, grouping none. */
  verbose?: boolean | undefined
}

/** Past this many messages, repeated warnings are grouped. */
const threshold = 100
/** A warning said this many times or more (same rule, same words) is a group. */
const repeated = 5

/**
 * The text report of a build: vfile-reporter's, as remark-cli prints it.
 * When a build has many messages (a Hugo site whose 2,000 posts all have
 * `categories` the schema does not declare), warnings said again and again
 * with the same words are printed once each, with their count and first
 * place, instead of thousands of lines; errors are always listed one by
 * one. `verbose` lists everything; `--format json|sarif` never groups.
 *
 * @param files
 *   Files with their messages.
 * @param options
 *   Configuration.
 * @returns
 *   Report (empty when there is nothing to say).
 */
export function textReport(files: ReadonlyArray<VFile>, options: TextReportOptions): string {
  // Quiet, the reporter says nothing of a file without messages: only the
  // others are given to it (a site of 10,000 posts has few).
  const told = files.filter((file) => file.messages.length > 0)
  const total = told.reduce((sum, file) => sum + file.messages.length, 0)
  if (options.verbose || total <= threshold) {
    return reporter(told, { color: options.color, quiet: true })
  }
  const groups = new Map<string, { message: VFileMessage; file: VFile; count: number }>()
  for (const file of told) {
    for (const message of file.messages) {
      if (message.fatal) continue
      const key = `${message.source}\u0000${message.ruleId}\u0000${message.reason}`
      const group = groups.get(key)
      if (group) group.count++
      else groups.set(key, { message, file, count: 1 })
    }
  }
  const grouped = new Set(
    [...groups].filter(([, group]) => group.count >= repeated).map(([key]) => key)
  )
  if (grouped.size === 0) return reporter(told, { color: options.color, quiet: true })

  const shown = told.map((file) => {
    const copy = new VFile({ cwd: file.cwd, path: file.path })
    copy.messages = file.messages.filter(
      (message) =>
        message.fatal ||
        !grouped.has(`${message.source}\u0000${message.ruleId}\u0000${message.reason}`)
    )
    return copy
  })
  const listed = reporter(shown, { color: options.color, quiet: true })
  const lines = [...grouped].map((key) => {
    const { message, file, count } = groups.get(key) as NonNullable<ReturnType<typeof groups.get>>
    const at = `${file.path}:${message.line ?? 1}:${message.column ?? 1}`
    return `⚠ ${count.toLocaleString('en')} × ${message.ruleId ?? 'warning'}: ${message.reason} — first at ${at}`
  })
  const hidden = [...grouped].reduce((sum, key) => sum + (groups.get(key)?.count ?? 0), 0)
  lines.push(
    `${hidden.toLocaleString('en')} repeated warnings grouped (of ${total.toLocaleString('en')} messages); --verbose lists them all`
  )
  return [listed, lines.join('\n')].filter(Boolean).join('\n\n')
}

/**
 * The places a closing line names: the first few, and how many more.
 *
 * @param places
 *   `path:line:column` of every problem.
 * @returns
 *   Text such as `a.md:1:1, b.md:2:3, c.md:4:5 and 1,997 more`.
 */
export function somePlaces(places: ReadonlyArray<string>): string {
  const first = places.slice(0, 3).join(', ')
  const rest = places.length - 3
  return rest > 0 ? `${first} and ${rest.toLocaleString('en')} more` : first
}
