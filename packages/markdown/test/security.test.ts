import { createMarkdownProcessor, sanitizeSchema } from '@galley/markdown'
import { VFile } from 'vfile'
import { afterEach, describe, expect, it } from 'vitest'
import { prototypeKeys, readFixtures } from '../../../test-support/security.js'
import { executableParts } from '../../../test-support/xss.js'

const classic = () => readFixtures('xss').get('classic.md') ?? ''

describe('sanitize', () => {
  afterEach(() => {
    expect(prototypeKeys()).toEqual([])
  })

  it('should neutralise every classic payload', async () => {
    const { html } = await createMarkdownProcessor({ sanitize: true }).render(
      new VFile({ path: 'classic.md', value: classic() })
    )
    expect(executableParts(html)).toEqual([])
    // The harmless text around the payloads is still there.
    expect(html).toContain('The end.')
    expect(html).toContain('<img name="user-content-cookie" src="clobber.png">')
  })

  it('should find the payloads when nothing sanitizes (the check can fail)', async () => {
    const { html } = await createMarkdownProcessor().render(
      new VFile({ path: 'classic.md', value: classic() })
    )
    expect(executableParts(html).length).toBeGreaterThan(30)
  })

  it('should keep its rules when Object.prototype is polluted', async () => {
    const proto = Object.prototype as Record<string, unknown>
    proto.allowComments = true
    proto.allowDoctypes = true
    proto.tagNames = undefined
    try {
      const { html } = await createMarkdownProcessor({ sanitize: true }).render(
        new VFile({ value: '<!-- hidden --><script>x()</script>\n\n<p onclick="x()">a</p>\n' })
      )
      expect(html).not.toMatch(/hidden|script|onclick/)
    } finally {
      delete proto.allowComments
      delete proto.allowDoctypes
      delete proto.tagNames
    }
  })

  it('should freeze the schema, without prototypes', () => {
    expect(Object.isFrozen(sanitizeSchema)).toBe(true)
    expect(Object.getPrototypeOf(sanitizeSchema)).toBe(null)
    expect(Object.isFrozen(sanitizeSchema.attributes)).toBe(true)
    expect(Object.getPrototypeOf(sanitizeSchema.protocols)).toBe(null)
  })

  it('should ignore an inherited `sanitize` or `allowDangerousHtml`', async () => {
    const proto = Object.prototype as Record<string, unknown>
    proto.allowDangerousHtml = false
    try {
      // Raw HTML is kept (the default): the inherited `false` is not read.
      const { html } = await createMarkdownProcessor({}).render(new VFile({ value: '<b>x</b>\n' }))
      expect(html).toBe('<p><b>x</b></p>')
    } finally {
      delete proto.allowDangerousHtml
    }
  })
})
