import stringWidth from 'string-width'
import { stringifyPosition } from 'unist-util-stringify-position'
import type { VFile } from 'vfile'
import { compareFile, compareMessage } from 'vfile-sort'
import { statistics } from 'vfile-statistics'

type VFileMessage = VFile['messages'][number]

/** Configuration for `textReport`. */
export interface TextReportOptions {
  color: boolean
  /** List every message, grouping none. */
  verbose?: boolean | undefined
  /** Columns to wrap lines at (default: none, one line per message). */
  width?: number | undefined
}

/** Past this many messages, repeated warnings are grouped. */
const threshold = 100
/** A warning said this many times or more (same rule, same words) is a group. */
const repeated = 5
/** Continuation lines of a wrapped message start this far in. */
const hang = '    '

/**
 * The text report of a build, laid out as vfile-reporter lays it out (each
 * file's path, then its messages sorted by place: place, severity, reason,
 * rule and source; then a byline counting them, as vfile-statistics counts
 * them) but with no column padded to the longest message (which wraps every
 * line of a terminal when one reason is long), and each message wrapped at
 * `width`, its continuation indented.
 *
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
  // Quiet, as remark-cli's: a file without messages is not named.
  const told = files.filter((file) => file.messages.length > 0).sort(compareFile)
  const all = told.flatMap((file) => file.messages)
  if (all.length === 0) return ''
  const paint = painter(options.color)
  const keyOf = (message: VFileMessage) =>
    `${message.source}\u0000${message.ruleId}\u0000${message.reason}`

  const groups = new Map<string, { message: VFileMessage; file: VFile; count: number }>()
  if (!options.verbose && all.length > threshold) {
    for (const file of told) {
      for (const message of file.messages) {
        if (message.fatal) continue
        const group = groups.get(keyOf(message))
        if (group) group.count++
        else groups.set(keyOf(message), { message, file, count: 1 })
      }
    }
    for (const [key, group] of groups) if (group.count < repeated) groups.delete(key)
  }

  const blocks: string[] = []
  for (const file of told) {
    const listed = [...file.messages]
      .filter((message) => message.fatal || !groups.has(keyOf(message)))
      .sort(compareMessage)
    if (listed.length === 0) continue
    const stats = statistics(file.messages)
    const name = file.history[0] ?? file.path ?? '<stdin>'
    const lines = [paint.underline(stats.fatal ? paint.red(name) : paint.yellow(name))]
    for (const message of listed) lines.push(...messageLines(message, paint, options.width))
    blocks.push(lines.join('\n'))
  }

  if (groups.size > 0) {
    const lines: string[] = []
    let hidden = 0
    for (const { message, file, count } of groups.values()) {
      hidden += count
      const at = `${file.path}:${message.line ?? 1}:${message.column ?? 1}`
      lines.push(
        ...wrap(
          `${paint.yellow('⚠')} ${count.toLocaleString('en')} × ${message.ruleId ?? 'warning'}: ${message.reason} — first at ${at}`,
          options.width,
          ''
        )
      )
    }
    lines.push(
      `${hidden.toLocaleString('en')} repeated warnings grouped (of ${all.length.toLocaleString('en')} messages); --verbose lists them all`
    )
    blocks.push(lines.join('\n'))
  }

  blocks.push(byline(statistics(all), paint))
  return blocks.join('\n\n')
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

/** A message as lines: `  3:7  error  Reason  rule-id  source`, wrapped. */
function messageLines(message: VFileMessage, paint: Painter, width: number | undefined): string[] {
  // The start only: `3:7`, as editors and terminals link `path:3:7`.
  const start = message.place && 'start' in message.place ? message.place.start : message.place
  const label = message.fatal ? paint.red('error') : paint.yellow('warning')
  const [reason = '', ...rest] = String(message.reason).split(/\r?\n|\r/)
  const tail = [message.ruleId, message.source].filter(Boolean).join('  ')
  // A message of a whole folder (a shallow git clone) has no place.
  const at = stringifyPosition(start)
  const text = `  ${at ? `${at}  ` : ''}${label}  ${reason}${tail ? `  ${paint.dim(tail)}` : ''}`
  const lines = wrap(text, width, hang)
  for (const line of rest) lines.push(...wrap(`${hang}${line}`, width, hang))
  const cause = message.cause
  if (cause instanceof Error && cause.message && cause.message !== reason) {
    lines.push(...wrap(`${hang}[cause]: ${cause.message}`, width, hang))
  }
  return lines
}

/** A whole number as the CLI writes it: `1,204`. */
export function count(value: number): string {
  return value.toLocaleString('en')
}

/** A count and a word, with the word's plural when it is not one: `1 post`, `2 posts`. */
export function plural(value: number, word: string): string {
  return `${count(value)} ${word}${value === 1 ? '' : 's'}`
}

/** The closing count: `7 messages (✖ 4 errors, ⚠ 3 warnings)`, as vfile-reporter says it. */
function byline(stats: ReturnType<typeof statistics>, paint: Painter): string {
  const parts: string[] = []
  const plural = (n: number, word: string) =>
    `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`
  if (stats.fatal) parts.push(`${paint.red('✖')} ${plural(stats.fatal, 'error')}`)
  if (stats.warn) parts.push(`${paint.yellow('⚠')} ${plural(stats.warn, 'warning')}`)
  const result = parts.join(', ')
  return stats.total !== stats.fatal && stats.total !== stats.warn
    ? `${plural(stats.total, 'message')} (${result})`
    : result
}

/**
 * Break `text` at spaces so no line is wider than `width` columns (as the
 * terminal counts them: escapes take none, wide characters two); a word
 * wider than a line stays whole. Lines after the first start with `indent`.
 */
export function wrap(text: string, width: number | undefined, indent: string): string[] {
  if (!width || stringWidth(text) <= width) return [text]
  const lead = /^ */.exec(text)?.[0] ?? ''
  // Words and the spaces between them (two between a reason and its rule).
  const parts = text.slice(lead.length).split(/( +)/)
  const lines: string[] = []
  let line = lead + (parts[0] ?? '')
  let size = stringWidth(line)
  for (let index = 1; index < parts.length; index += 2) {
    const gap = parts[index] as string
    const word = parts[index + 1] as string
    const wide = stringWidth(word)
    if (size + gap.length + wide > width) {
      lines.push(line)
      line = indent + word
      size = stringWidth(indent) + wide
    } else {
      line += gap + word
      size += gap.length + wide
    }
  }
  lines.push(line)
  return lines
}

interface Painter {
  red(value: string): string
  yellow(value: string): string
  dim(value: string): string
  underline(value: string): string
}

/** Colours as vfile-reporter's, or none. */
function painter(color: boolean): Painter {
  const paint = (open: string, close: string) => (value: string) =>
    color ? `\u001B[${open}m${value}\u001B[${close}m` : value
  return {
    red: paint('31', '39'),
    yellow: paint('33', '39'),
    dim: paint('2', '22'),
    underline: paint('4', '24')
  }
}
