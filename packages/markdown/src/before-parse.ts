/**
 * What Hugo's shortcodes and Jekyll's Liquid tags mean where they change
 * how the text parses, written as Markdown before the parse, length for
 * length (every offset, line and column stays the file's): paired
 * `highlight` as fenced code (`highlightAsFences`), and Jekyll's links
 * (`jekyllLinks`).
 *
 * @param text
 *   Markdown as written.
 * @returns
 *   Markdown of the same length.
 */
export function beforeParse(text: string): string {
  return jekyllLinks(highlightAsFences(text))
}

/** Hugo's `{{< highlight go >}}` and `{{< /highlight >}}`, or Jekyll's `{% highlight ruby %}` and `{% endhighlight %}`, alone on a line after a prefix (indent, `> `). */
const highlightLine =
  /^([ \t>]*)(?:\{\{([<%])\s*(\/?)highlight((?:[^"'>%}]|"[^"]*"|'[^']*'|`[^`]*`)*?)\s*[>%]\}\}|\{%-?\s*(end)?highlight\b([^%]*?)-?%\})[ \t]*$/

/** A line opening or closing a fenced code block (after any prefix). */
const fenceLine = /^[ \t>]*(`{3,}|~{3,})/

/**
 * Paired `highlight` (Hugo's shortcode, Jekyll's tag) as a fenced code
 * block: each line `{{< highlight go "linenos=table" >}}` becomes
 * ```` ```go linenos=table ```` and its `{{< /highlight >}}` a closing
 * fence, padded with spaces to the same length. The lines between are code
 * as written, whatever Markdown they would be (a `#` line, a `-` line), in
 * a list or a block quote too. A call inside a fenced code block
 * (documentation of Hugo) is left alone, and so is one with no closing
 * call.
 *
 * @param text
 *   Markdown.
 * @returns
 *   Markdown of the same length.
 */
export function highlightAsFences(text: string): string {
  if (!text.includes('highlight')) return text
  const lines = text.split('\n')
  let fence: string | undefined
  let open: { index: number; prefix: string; args: string } | undefined
  let changed = false
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, '')
    const call = highlightLine.exec(line)
    const closes = call !== null && (call[3] === '/' || call[5] === 'end')
    if (open && closes) {
      const body = lines.slice(open.index + 1, index).join('\n')
      const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((run) => run[0].length))
      const marks = '`'.repeat(longest + 1)
      const opening = `${open.prefix}${marks}${open.args}`
      const closing = `${call?.[1] ?? ''}${marks}`
      const was = (lines[open.index] as string).replace(/\r$/, '')
      if (opening.length <= was.length && closing.length <= line.length) {
        // own-key: line numbers.
        lines[open.index] = pad(lines[open.index] as string, opening)
        // own-key: a line number.
        lines[index] = pad(lines[index] as string, closing)
        changed = true
      }
      open = undefined
      continue
    }
    if (open) continue
    const marks = fenceLine.exec(line)?.[1]
    if (marks) {
      if (fence === undefined) fence = marks
      else if (marks[0] === fence[0] && marks.length >= fence.length) fence = undefined
      continue
    }
    if (fence === undefined && call && !closes) {
      const args = positional(call[4] ?? call[6] ?? '')
      const info = args.length > 0 ? args.join(' ') : ''
      open = { index, prefix: call[1] ?? '', args: info.includes('`') ? '' : info }
    }
  }
  return changed ? lines.join('\n') : text
}

/** A link's destination (and title) holding a Liquid tag or variable: `](…{% … %}…)`. */
const liquidDestination = /\]\(([^()\n]*?(?:\{%|\{\{)[^()\n]*?)\)/g

/** What Jekyll's link tags and variables are, in a link's destination. */
const liquidParts: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
  // `{% post_url 2018-04-23-hello %}`: the post of that name.
  [/\{%-?\s*post_url\s+(\S+?)\s*-?%\}/g, (_, name) => `/_posts/${name}.md`],
  // `{% link _posts/2018-04-23-hello.md %}`: that file, from the site's folder.
  [/\{%-?\s*link\s+(\S+?)\s*-?%\}/g, (_, file) => `/${(file ?? '').replace(/^\/+/, '')}`],
  // `{{ site.url }}`, `{{ site.baseurl }}`: the site itself, so a path from its top.
  [/\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}/g, () => ''],
  // `{{ '/about/' | relative_url }}`: the path.
  [
    /\{\{-?\s*(["'])([^"'{}]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}/g,
    (_, __, value) => value ?? ''
  ]
]

/**
 * Jekyll's links as Markdown links: in a link's destination,
 * `{% post_url 2018-04-23-hello %}` is the post's file
 * (`/_posts/2018-04-23-hello.md`, resolved and checked like any link to a
 * file), `{% link about.md %}` that file, and `{{ site.baseurl }}`,
 * `{{ site.url }}` and `{{ '/x/' | relative_url }}` the path from the
 * site's top. The destination is padded with spaces before it, to keep
 * its length. A destination with any other Liquid is left as written, and
 * so is one in code.
 *
 * @param text
 *   Markdown.
 * @returns
 *   Markdown of the same length.
 */
export function jekyllLinks(text: string): string {
  if (!text.includes('{%') && !text.includes('{{')) return text
  const lines = text.split('\n')
  let fence: string | undefined
  let changed = false
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const marks = fenceLine.exec(line)?.[1]
    if (marks) {
      if (fence === undefined) fence = marks
      else if (marks[0] === fence[0] && marks.length >= fence.length) fence = undefined
      continue
    }
    if (fence !== undefined || (!line.includes('{%') && !line.includes('{{'))) continue
    const next = line.replace(liquidDestination, (match, inner: string, at: number) => {
      // Inside a code span (an odd number of backticks before it): as written.
      if (((line.slice(0, at).match(/`/g) ?? []).length & 1) === 1) return match
      let value = inner
      for (const [pattern, replace] of liquidParts) {
        value = value.replace(pattern, replace as (...groups: string[]) => string)
      }
      if (value.includes('{%') || value.includes('{{')) return match
      const written = value.trimStart()
      return `](${written.padStart(inner.length, ' ')})`
    })
    if (next !== line) {
      // own-key: a line number.
      lines[index] = next
      changed = true
    }
  }
  return changed ? lines.join('\n') : text
}

/** `value` padded with spaces to the length of `line` (keeping its `\r`). */
function pad(line: string, value: string): string {
  const cr = line.endsWith('\r') ? '\r' : ''
  return value.padEnd(line.length - cr.length, ' ') + cr
}

/** The positional arguments of a shortcode call, unquoted. */
function positional(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? match[4] ?? ''
  )
}
