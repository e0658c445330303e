import { locateValue, parseData, validateFrontmatter } from '@galley/frontmatter'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const messages = (file: VFile) =>
  file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)

describe('parseData', () => {
  it('should parse whole YAML, TOML and JSON files, keeping lines and columns', () => {
    const yaml = new VFile({ path: 'ann.yaml', value: '\uFEFFname: Ann\nlinks: [ a, b ]\n' })
    expect(parseData(yaml, 'yaml')).toEqual({ name: 'Ann', links: ['a', 'b'] })
    expect(locateValue(yaml, ['links', 1])).toMatchObject({
      start: { line: 2, column: 13 },
      end: { line: 2, column: 14 }
    })
    const toml = new VFile({ path: 'bo.toml', value: 'name = "Bo"\n\n[site]\nurl = "x"\n' })
    expect(parseData(toml, 'toml')).toEqual({ name: 'Bo', site: { url: 'x' } })
    expect(locateValue(toml, ['site', 'url'])?.start).toEqual({ line: 4, column: 7, offset: 26 })
    const json = new VFile({ path: 'cy.json', value: '{\n  "name": "Cy"\n}\n' })
    expect(parseData(json, 'json')).toEqual({ name: 'Cy' })
  })

  it('should still place values after validation, in each format, without new messages', async () => {
    const schema = z.object({ name: z.string(), links: z.array(z.string()) })
    for (const [format, value, path, line, column] of [
      ['yaml', 'name: Ann\nlinks: [ a, b ]\n', ['links', 1], 2, 13],
      ['toml', 'name = "Bo"\nlinks = [ "a", "b" ]\n', ['links', 1], 2, 16],
      ['json', '{\n  "name": "Cy",\n  "links": ["a", "b"]\n}\n', ['links', 1], 3, 18]
    ] as const) {
      const file = new VFile({ path: `a.${format}`, value })
      parseData(file, format)
      const before = locateValue(file, path)
      expect(await validateFrontmatter(file, schema)).toEqual(
        expect.objectContaining({ links: ['a', 'b'] })
      )
      expect(before?.start).toMatchObject({ line, column })
      expect(locateValue(file, path)).toEqual(before)
      expect(locateValue(file, ['name'])?.start.line).toBe(format === 'json' ? 2 : 1)
      expect(file.messages).toEqual([])
    }
  })

  it('should report syntax errors and non-mappings at their place', () => {
    const broken = new VFile({ path: 'a.toml', value: 'name = "Bo"\nbad = \n' })
    expect(parseData(broken, 'toml')).toEqual({})
    expect(messages(broken)).toEqual(['2:5 toml-syntax'])
    const list = new VFile({ path: 'b.yaml', value: '- a\n- b\n' })
    parseData(list, 'yaml')
    expect(messages(list)).toEqual(['1:1 not-a-mapping'])
  })

  it('should let validateFrontmatter place schema issues in a data file', async () => {
    const file = new VFile({ path: 'ann.yaml', value: 'name: Ann\nage: old\n' })
    parseData(file, 'yaml')
    const schema = z.object({ name: z.string(), age: z.number() })
    expect(await validateFrontmatter(file, schema)).toBe(undefined)
    expect(messages(file)).toEqual(['2:6 schema'])
  })
})
