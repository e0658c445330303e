import { blogSchema, parseFrontmatter, validateFrontmatter } from '@galley/frontmatter'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const post = (value: string) => new VFile({ path: 'p.md', value })

describe('formats', () => {
  it('should read YAML between `---` fences, closed by `---` or `...`', () => {
    expect(parseFrontmatter(post('---\ntitle: A\n---\nbody'))).toEqual({ title: 'A' })
    expect(parseFrontmatter(post('---\ntitle: A\n...\nbody'))).toEqual({ title: 'A' })
  })

  it('should read TOML between `+++` fences, with tables, arrays of tables and dates', () => {
    const file = post(
      [
        '+++',
        'title = "April Hackfest"',
        'tags = [ "fedora", "atomic" ]',
        'date = 2018-04-23',
        'updated = 2018-04-24T10:00:00Z',
        'draft = false',
        'author.name = "Dusty"',
        '[params]',
        'weight = 3',
        '[[links]]',
        'url = "/a/"',
        '[[links]]',
        'url = "/b/"',
        '+++',
        '',
        '# Introduction'
      ].join('\n')
    )
    expect(parseFrontmatter(file)).toEqual({
      title: 'April Hackfest',
      tags: ['fedora', 'atomic'],
      date: '2018-04-23',
      updated: new Date('2018-04-24T10:00:00Z'),
      draft: false,
      author: { name: 'Dusty' },
      params: { weight: 3 },
      links: [{ url: '/a/' }, { url: '/b/' }]
    })
    expect(file.messages).toEqual([])
  })

  it('should read JSON between `---json` and `---`, and a bare object at the top', () => {
    expect(parseFrontmatter(post('---json\n{ "title": "A", "tags": ["x"] }\n---\nbody'))).toEqual({
      title: 'A',
      tags: ['x']
    })
    const bare = post('{\n  "title": "B",\n  "draft": true\n}\n\n# Body {with braces}\n')
    expect(parseFrontmatter(bare)).toEqual({ title: 'B', draft: true })
    expect(bare.messages).toEqual([])
  })

  it('should handle a BOM, CRLF, an empty block, no block and a file that is only front matter', () => {
    expect(parseFrontmatter(post('\uFEFF---\r\ntitle: a\r\n---\r\nbody'))).toEqual({ title: 'a' })
    expect(parseFrontmatter(post('\uFEFF+++\r\ntitle = "t"\r\n+++\r\n'))).toEqual({ title: 't' })
    expect(parseFrontmatter(post('---\n---\n# x'))).toEqual({})
    expect(parseFrontmatter(post('+++\n+++\n'))).toEqual({})
    expect(parseFrontmatter(post('# Just Markdown\n\n---\n\ntext\n'))).toEqual({})
    expect(parseFrontmatter(post('---\ntitle: only\n---'))).toEqual({ title: 'only' })
    expect(parseFrontmatter(post('---\nnever closed\n'))).toEqual({})
    expect(parseFrontmatter(post(''))).toEqual({})
  })

  it('should read front matter after blank lines, as Hugo does, with a warning saying to remove them', () => {
    const file = post('\n \n---\ntitle: late\ntags: [a, b\n---\n\n# Body\n')
    expect(parseFrontmatter(file)).toEqual({})
    // Places stay the file's own: the bad YAML is on line 5.
    expect(file.messages.map(String)).toEqual([
      'p.md:1:1-3:1: Unexpected blank line before the front matter; remove it: Hugo reads front matter after blank lines, most other tools do not',
      'p.md:5:7-5:8: Cannot parse YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]; close the `[` opened here'
    ])
    expect([file.messages[0]?.ruleId, file.messages[0]?.fatal]).toEqual([
      'frontmatter-blank-line',
      false
    ])
    expect(parseFrontmatter(post('\r\n+++\ntitle = "t"\n+++\n'))).toEqual({ title: 't' })
    // Blank lines then Markdown is Markdown.
    expect(parseFrontmatter(post('\n\n# Title\n\n---\n\ntext\n---\n'))).toEqual({})
  })

  it('should give YAML syntax errors their real line:column', () => {
    const file = post('---\ntitle: ok\ntags: [a, b\n---\n')
    expect(parseFrontmatter(file)).toEqual({})
    expect(file.messages.map(String)).toEqual([
      'p.md:3:7-3:8: Cannot parse YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]; close the `[` opened here'
    ])
    expect([file.messages[0]?.ruleId, file.messages[0]?.fatal]).toEqual(['yaml-syntax', true])
  })

  it('should place an unclosed quote where it opens, not at the end of the block', () => {
    const file = post('---\ntitle: "First post\ndate: 2026-01-02\ndraft: false\n---\n')
    parseFrontmatter(file)
    expect(file.messages.map(String)).toEqual([
      'p.md:2:8-2:9: Cannot parse YAML front matter: Missing closing "quote; close the `"` opened here'
    ])
    const single = post("---\na: 1\nb: {c: 'x, d: 2}\ne: 3\n---\n")
    parseFrontmatter(single)
    expect(single.messages.map(String)).toEqual([
      "p.md:3:8-3:9: Cannot parse YAML front matter: Missing closing 'quote; close the `'` opened here",
      'p.md:3:4-3:5: Cannot parse YAML front matter: Flow map in block collection must be sufficiently indented and end with a }; close the `{` opened here'
    ])
  })

  it('should report duplicate YAML keys', () => {
    const file = post('---\ntitle: a\ntitle: b\n---\n')
    parseFrontmatter(file)
    expect(file.messages.map(String)).toEqual([
      'p.md:3:1-3:2: Cannot parse YAML front matter: Map keys must be unique; fix the YAML syntax'
    ])
  })

  it('should give TOML syntax errors their real line:column', () => {
    const file = post('+++\ntitle = "ok"\ntags = [ "a", \ndraft = false\n+++\n')
    expect(parseFrontmatter(file)).toEqual({})
    expect(file.messages.map(String)).toEqual([
      'p.md:4:1-4:2: Cannot parse TOML front matter: Unexpected character; fix the TOML syntax'
    ])
    expect([file.messages[0]?.ruleId, file.messages[0]?.fatal]).toEqual(['toml-syntax', true])
  })

  it('should give JSON syntax errors their real line:column, CRLF included', () => {
    const file = post('---json\r\n{\r\n  "title": "A",\r\n  "tags": ["x",]\r\n}\r\n---\r\n')
    expect(parseFrontmatter(file)).toEqual({})
    expect(file.messages.map(String)).toEqual([
      'p.md:4:16-4:17: Cannot parse JSON front matter: expected a value; fix the JSON syntax'
    ])
    expect([file.messages[0]?.ruleId, file.messages[0]?.fatal]).toEqual(['json-syntax', true])
  })

  it('should refuse front matter that is not a mapping', () => {
    const yaml = post('---\n- a\n- b\n---\n')
    parseFrontmatter(yaml)
    const json = post('---json\n["a"]\n---\n')
    parseFrontmatter(json)
    expect([...yaml.messages, ...json.messages].map(String)).toEqual([
      'p.md:2:1-3:4: Unexpected front matter that is not a mapping, expected `key: value` lines',
      'p.md:2:1-2:6: Unexpected front matter that is not a JSON object, expected `{ "key": value }`'
    ])
  })

  it('should report an impossible TOML date literal as a TOML error', () => {
    const file = post('+++\ntitle = "T"\ndate = 2018-04-32\n+++\n')
    parseFrontmatter(file)
    expect(file.messages.map(String)).toEqual([
      'p.md:3:17-3:18: Cannot parse TOML front matter: Unexpected invalid date; fix the TOML syntax'
    ])
  })

  it('should place schema issues on TOML values, tables and array items', async () => {
    const file = post(
      '+++\ntitle = ""\ndate = "2018-04-31"\ntags = [ "a", true ]\n[author]\nname = "Ann"\nemail = "nope"\n+++\n'
    )
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'p.md:2:9-2:11: Unexpected `title` value `""`: Expected a non-empty string',
      'p.md:3:8-3:20: Unexpected `date` value `"2018-04-31"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      'p.md:4:15-4:19: Unexpected `tags[1]` value `true`: Expected a tag name (a string)',
      'p.md:7:9-7:15: Unexpected `author.email` value `"nope"`: Expected an email address'
    ])
  })

  it('should place schema issues on JSON values, in both JSON forms', async () => {
    const fenced = post('---json\n{\n  "title": "T",\n  "date": "2018-13-01"\n}\n---\n')
    await validateFrontmatter(fenced, blogSchema)
    const bare = post('{\n  "title": 42,\n  "date": "2018-01-01",\n  "tags": ["a", null]\n}\n')
    await validateFrontmatter(bare, blogSchema)
    expect([...fenced.messages, ...bare.messages].map(String)).toEqual([
      'p.md:4:11-4:23: Unexpected `date` value `"2018-13-01"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      'p.md:2:12-2:14: Unexpected `title` value `42`: Expected a non-empty string',
      'p.md:4:17-4:21: Unexpected `tags[1]` value `null`: Expected a tag name (a string)'
    ])
  })
})
