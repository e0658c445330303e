import { readFileSync } from 'node:fs'
import {
  createMarkdownProcessor,
  createProcessor,
  type Options,
  rehypeGalleyWellFormed
} from '@galley/markdown'
import fc from 'fast-check'
import type { Element, ElementContent, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import {
  fuzzSettings,
  fuzzTimeout,
  markdown,
  markdownFile
} from '../../../test-support/arbitraries.js'
import { executableParts } from '../../../test-support/xss.js'

// Bounded fuzzing of the Markdown pipeline (docs/reliability.md): fixed
// seeds and run counts in CI; `pnpm fuzz` runs many more
// (`GALLEY_FUZZ_RUNS`, `GALLEY_FUZZ_SEED`). An input that ever failed is
// kept in `fuzz-found.json` and replayed first.

const settings: Record<string, Options> = {
  default: {},
  sanitize: { sanitize: true },
  'no raw HTML': { allowDangerousHtml: false, smartypants: true, gfm: false },
  'writer syntax': {
    alerts: true,
    directives: true,
    math: true,
    emoji: true,
    toc: true,
    headingLinks: true
  },
  'writer syntax, sanitized': { alerts: true, directives: true, math: true, sanitize: true }
}
const pipelines = Object.entries(settings).map(([name, options]) => ({
  name,
  render: createMarkdownProcessor(options).render,
  processor: createProcessor(options)
}))

/**
 * What is wrong with one rendering: a throw, a message out of the file or
 * without a rule, HTML that a browser would repair (`readBack`), or,
 * sanitized, anything executable. Empty when it is right.
 */
async function problems(value: string): Promise<string[]> {
  const found: string[] = []
  const lines = value.split(/\r\n|\r|\n/).length
  for (const { name, render, processor } of pipelines) {
    let result: Awaited<ReturnType<typeof render>>
    try {
      result = await render(new VFile({ path: 'fuzz.md', value }))
    } catch (error) {
      found.push(`${name}: threw ${(error as Error).stack}`)
      continue
    }
    for (const message of result.file.messages) {
      const line = message.line ?? 0
      if (!message.ruleId || !message.source) found.push(`${name}: no rule: ${message.reason}`)
      if (line < 1 || line > lines) found.push(`${name}: placed at line ${line} of ${lines}`)
    }
    if (result.file.messages.some((message) => message.fatal)) continue
    // The tree the HTML is written from, to compare with what a browser reads.
    const file = new VFile({ path: 'fuzz.md', value })
    const tree = await processor.run(processor.parse(file), file)
    if (processor.stringify(tree, file) !== result.html) found.push(`${name}: render differs`)
    for (const problem of readBack(result.html, tree)) found.push(`${name}: ${problem}`)
    if (name === 'sanitize') {
      const executable = executableParts(result.html)
      if (executable.length > 0) found.push(`${name}: executable ${executable.join(', ')}`)
    }
  }
  return found
}

/**
 * Whether `html`, written from `made`, reads back as that tree: parsed as
 * a browser parses it (parse5), with no parse error, into the same
 * elements, attributes and text. Both trees are compared as one writer
 * writes them (Galley's: `rehypeGalleyWellFormed`, then
 * `hast-util-to-html`), with a valueless `data-*` attribute written as
 * the parser reads it (`""`) and a CR as the line feed it is read as. A
 * browser that had to repair the HTML (misnested tags, a stray character)
 * reads another tree.
 */
function readBack(html: string, made: Root): string[] {
  const errors: string[] = []
  const read = fromHtml(html, {
    fragment: true,
    onerror: (error) => {
      errors.push(String(error.ruleId))
    }
  })
  rehypeGalleyWellFormed()(read, new VFile(html))
  const found = errors.length > 0 ? [`parse errors ${errors.join(', ')}`] : []
  const written = (tree: Root) => toHtml(tree, { allowDangerousHtml: true })
  const expected = written(dataAsRead(made)).replace(/\r\n?/g, '\n')
  if (written(read) !== expected) found.push(`reads back otherwise: ${html}`)
  return found
}

/** `tree` with `data-*` attributes of `true` as the parser reads them: `""`. */
function dataAsRead(tree: Root): Root {
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Nodes
    if (node.type === 'element') {
      for (const [key, value] of Object.entries(node.properties)) {
        // own-key: a property the element has already.
        if (key.startsWith('data') && value === true) node.properties[key] = ''
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child)
  }
  return tree
}

/** Inputs that once failed, with what was wrong: JSON, so any string (a lone surrogate) keeps. */
const kept = JSON.parse(
  readFileSync(new URL('fuzz-found.json', import.meta.url), 'utf8')
) as Array<{ found: string; input: string }>

describe('fuzzing the Markdown pipeline', () => {
  it('should render every input that ever failed', async () => {
    expect(kept.length).toBeGreaterThan(0)
    for (const { found, input } of kept) expect(await problems(input), found).toEqual([])
  })

  it(
    'should render random Markdown to well-formed HTML, never throwing',
    async () => {
      await fc.assert(
        fc.asyncProperty(markdown, async (value) => {
          expect(await problems(value)).toEqual([])
        }),
        fuzzSettings(1500, 16)
      )
    },
    fuzzTimeout
  )

  it(
    'should render random whole files, front matter first',
    async () => {
      await fc.assert(
        fc.asyncProperty(markdownFile, async (value) => {
          expect(await problems(value)).toEqual([])
        }),
        fuzzSettings(800, 1616)
      )
    },
    fuzzTimeout
  )

  it('should catch HTML a browser repairs (the check can fail)', () => {
    const p = (children: ElementContent[]): Element => ({
      type: 'element',
      tagName: 'p',
      properties: {},
      children
    })
    const div: Element = { ...p([{ type: 'text', value: 'x' }]), tagName: 'div' }
    // A <div> inside a <p>: the parser closes the paragraph before it.
    expect(readBack('<p><div>x</div></p>', { type: 'root', children: [p([div])] })).toEqual([
      'reads back otherwise: <p><div>x</div></p>'
    ])
    const control: Root = { type: 'root', children: [p([{ type: 'text', value: 'a\u0007' }])] }
    expect(readBack('<p>a\u0007</p>', control)).toEqual([
      'parse errors control-character-in-input-stream',
      'reads back otherwise: <p>a\u0007</p>'
    ])
  })
})
