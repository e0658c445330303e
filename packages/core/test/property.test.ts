import { createGalley } from '@galley/core'
import fc from 'fast-check'
import { fromHtml } from 'hast-util-from-html'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { fromXml } from 'xast-util-from-xml'
import { fuzzSettings, fuzzTimeout, markdownFile } from '../../../test-support/arbitraries.js'
import { prototypeKeys } from '../../../test-support/security.js'
import { executableParts, feedItemsHtml } from '../../../test-support/xss.js'
import { plainLayouts } from './support/layouts.js'

// Property: random posts (any front matter, any Markdown) through the whole
// pipeline, `createGalley().build`, never throw, report every problem at
// its place, and give pages a browser parses without repair and feeds an
// XML parser reads (docs/reliability.md).

const layouts = plainLayouts

/** A site of a few posts: each file random, one always valid. */
const site = fc
  .array(markdownFile, { minLength: 1, maxLength: 4 })
  .map((values) => [
    '---\ntitle: Valid\ndate: 2024-01-01\ntags: [ a ]\n---\n\nA [link](./p0.md).\n',
    ...values
  ])

/** What is wrong with building `values` as posts; empty when nothing is. */
async function problems(values: string[], sanitize: boolean): Promise<string[]> {
  const found: string[] = []
  const files = () => values.map((value, index) => new VFile({ path: `p${index}.md`, value }))
  const galley = () =>
    createGalley({
      site: 'https://blog.test/',
      title: 'Fuzz',
      layouts,
      now: new Date('2025-01-01T00:00:00Z'),
      markdown: { sanitize }
    })
  let result: Awaited<ReturnType<ReturnType<typeof galley>['build']>>
  try {
    result = await galley().build(files())
  } catch (error) {
    return [`threw ${(error as Error).stack}`]
  }
  if (prototypeKeys().length > 0) found.push(`Object.prototype has ${prototypeKeys().join(', ')}`)
  for (const file of result.files) {
    const lines = String(file.value).split(/\r\n|\r|\n/).length
    for (const message of file.messages) {
      const line = message.line ?? 0
      if (!message.ruleId || !message.source) found.push(`${file.path}: no rule: ${message.reason}`)
      if (line < 1 || line > lines) {
        found.push(`${file.path}: ${message.ruleId} at line ${line} of ${lines}`)
      }
    }
  }
  for (const output of result.outputs) {
    const text = String(output.value)
    if (output.path.endsWith('.html')) {
      const errors: string[] = []
      fromHtml(text, {
        onerror: (error) => {
          errors.push(String(error.ruleId))
        }
      })
      if (errors.length > 0) found.push(`${output.path}: parse errors ${errors.join(', ')}`)
      if (sanitize && executableParts(text).length > 0) {
        found.push(`${output.path}: executable ${executableParts(text).join(', ')}`)
      }
    } else if (output.path.endsWith('.xml')) {
      try {
        fromXml(text)
      } catch (error) {
        found.push(`${output.path}: not XML: ${(error as Error).message}`)
        continue
      }
    } else if (output.path.endsWith('.json')) {
      try {
        JSON.parse(text)
      } catch (error) {
        found.push(`${output.path}: not JSON: ${(error as Error).message}`)
        continue
      }
    }
    if (sanitize && ['rss.xml', 'atom.xml', 'feed.json'].includes(output.path)) {
      for (const html of feedItemsHtml(text)) {
        const executable = executableParts(html)
        if (executable.length > 0) found.push(`${output.path}: executable ${executable.join(', ')}`)
      }
    }
  }
  // The same posts, built again by a new pipeline: the same bytes.
  const again = await galley().build(files())
  const bytes = (outputs: typeof result.outputs) =>
    outputs.map((output) => `${output.path}\n${String(output.value)}`)
  if (JSON.stringify(bytes(again.outputs)) !== JSON.stringify(bytes(result.outputs))) {
    found.push('built twice, the outputs differ')
  }
  return found
}

describe('property: random posts through the whole pipeline', () => {
  for (const sanitize of [false, true]) {
    it(
      `should build or report, never throw, pages and feeds well-formed (sanitize: ${sanitize})`,
      async () => {
        await fc.assert(
          fc.asyncProperty(site, async (values) => {
            expect(await problems(values, sanitize)).toEqual([])
          }),
          fuzzSettings(150, sanitize ? 2 : 1)
        )
      },
      fuzzTimeout
    )
  }

  it('should find a page a browser must repair (the check can fail)', () => {
    const errors: string[] = []
    fromHtml('<!doctype html><p>a\u0007</p>', {
      onerror: (error) => {
        errors.push(String(error.ruleId))
      }
    })
    expect(errors).toContain('control-character-in-input-stream')
  })
})
