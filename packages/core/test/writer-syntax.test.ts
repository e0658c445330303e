import { createGalley, createRenderFunction } from '@galley/core'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import {
  expectWriterSyntax,
  writerMarkdown,
  writerPost
} from '../../../test-support/writer-syntax.js'
import { plainLayouts } from './support/layouts.js'

const config = { site: 'https://core.test/', markdown: writerMarkdown, layouts: plainLayouts }

describe('writer syntax and hooks through `createGalley`', () => {
  it('should render every feature and hook in a build, and the same through the render cache', async () => {
    const galley = createGalley(config)
    const result = await galley.build([
      new VFile({ path: 'content/posts/writer.md', value: writerPost })
    ])
    expect(result.files.flatMap((file) => file.messages).map(String)).toEqual([])
    const page = result.pages[0]
    expectWriterSyntax(page?.html ?? '')
    // What a worker returns (`createRenderFunction`) is the same HTML.
    const render = createRenderFunction(config, [['content/posts/writer.md', '/posts/writer/']])
    const cached = await render({ path: 'content/posts/writer.md', value: writerPost })
    expect(cached.html).toBe(page?.html)
  })
})
