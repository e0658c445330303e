import type { Heading } from './headings.js'

/** An entry of the table of contents: a heading and the headings under it. */
export interface TocEntry extends Heading {
  /** Deeper headings up to the next heading of this depth or less. */
  children: TocEntry[]
}

/**
 * Nest a flat list of headings into a table of contents. A heading that
 * skips levels (an `h4` right under an `h2`) nests under the nearest
 * shallower heading.
 *
 * @param headings
 *   Headings in document order.
 * @returns
 *   Top-level entries.
 */
export function toToc(headings: ReadonlyArray<Heading>): TocEntry[] {
  const root: TocEntry[] = []
  const stack: TocEntry[] = []
  for (const heading of headings) {
    const entry: TocEntry = { ...heading, children: [] }
    while (stack.length > 0 && (stack.at(-1) as TocEntry).depth >= heading.depth) stack.pop()
    const parent = stack.at(-1)
    if (parent) parent.children.push(entry)
    else root.push(entry)
    stack.push(entry)
  }
  return root
}
