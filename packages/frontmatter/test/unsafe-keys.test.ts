import { blogSchema, parseData, parseFrontmatter, validateFrontmatter } from '@galley/frontmatter'
import { VFile } from 'vfile'
import { afterEach, describe, expect, it } from 'vitest'
import { prototypeKeys, readFixtures } from '../../../test-support/security.js'

const messages = (file: VFile) =>
  file.messages.map(
    (message) => `${message.line}:${message.column} ${message.ruleId} ${message.fatal}`
  )

describe('unsafe keys', () => {
  afterEach(() => {
    expect(prototypeKeys()).toEqual([])
  })

  it('should refuse `__proto__`, `constructor` and `prototype` keys in every fixture, at the key', async () => {
    const expected: Record<string, string[]> = {
      'json.md': ['5:3 unsafe-key true', '6:14 unsafe-key true'],
      'toml-array-of-tables.md': ['4:3 unsafe-key true'],
      'toml-dotted.md': ['4:1 unsafe-key true'],
      'toml-inline.md': ['4:7 unsafe-key true'],
      'toml-nested-table.md': ['4:4 unsafe-key true'],
      'toml-table.md': ['4:2 unsafe-key true'],
      'yaml.md': ['6:1 unsafe-key true', '7:1 unsafe-key true']
    }
    const seen: Record<string, string[]> = {}
    for (const [name, value] of readFixtures('prototype')) {
      const file = new VFile({ path: name, value })
      const data = parseFrontmatter(file)
      // No unsafe key is left at any depth, and the data is a plain object.
      expect(JSON.stringify(data)).not.toMatch(/"(__proto__|constructor|prototype)"/)
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
      // The file fails validation with the unsafe key as its only problem.
      expect(await validateFrontmatter(file, blogSchema)).toBe(undefined)
      seen[name] = messages(file)
    }
    expect(seen).toEqual(expected)
  })

  it('should say what the key is and what to do', () => {
    const file = new VFile({ path: 'a.md', value: '+++\ntitle = "x"\n[a.__proto__]\nb = 1\n+++\n' })
    parseFrontmatter(file)
    expect(file.messages[0]?.reason).toBe(
      'Unexpected key `a.__proto__`: `__proto__` could change every object of the build; rename or remove it'
    )
    expect(file.messages[0]?.source).toBe('@galley/frontmatter')
  })

  it('should refuse them in data files', () => {
    const [[name, value]] = [...readFixtures('data')] as [[string, string]]
    const file = new VFile({ path: name, value })
    expect(parseData(file, 'toml')).toEqual({ name: 'Eve' })
    expect(messages(file)).toEqual(['2:2 unsafe-key true'])
  })

  it('should keep tables plain objects with the usual prototype', () => {
    const file = new VFile({
      path: 'a.md',
      value: '+++\ntitle = "x"\n[author]\nname = "Ann"\n[[links]]\nurl = "a"\n+++\n'
    })
    const data = parseFrontmatter(file)
    expect(data).toEqual({ title: 'x', author: { name: 'Ann' }, links: [{ url: 'a' }] })
    expect(Object.getPrototypeOf(data.author)).toBe(Object.prototype)
    expect(Object.getPrototypeOf((data.links as object[])[0])).toBe(Object.prototype)
    expect(file.messages).toEqual([])
  })

  it('should allow the words as values and inside longer keys', () => {
    const file = new VFile({
      path: 'a.md',
      value: '---\ntitle: __proto__\nconstructors: [prototype]\n---\n'
    })
    expect(parseFrontmatter(file)).toEqual({ title: '__proto__', constructors: ['prototype'] })
    expect(file.messages).toEqual([])
  })
})
