import fc from 'fast-check'

/**
 * Generators of hostile input for the property and fuzz tests: Markdown
 * and front matter built from the pieces writers and attackers type, so
 * the parsers' edge cases (unclosed constructs, deep nesting, odd line
 * ends, control characters) come up far more often than in random text.
 */

const givenRuns = Number(process.env.GALLEY_FUZZ_RUNS)
const givenSeed = Number(process.env.GALLEY_FUZZ_SEED)
/** Whether this is a long fuzz run (`pnpm fuzz`), not CI's. */
const long = Number.isInteger(givenRuns) && givenRuns > 0

/**
 * How a fuzz run is set: in CI, `runs` inputs from the fixed `seed`; with
 * `GALLEY_FUZZ_RUNS` (`pnpm fuzz`), that many from a new seed each time, or
 * from `GALLEY_FUZZ_SEED`. fast-check prints the seed and the smallest
 * failing input; keep that input as a fixture.
 */
export function fuzzSettings(runs: number, seed: number): { numRuns: number; seed?: number } {
  if (Number.isInteger(givenSeed)) return { numRuns: long ? givenRuns : runs, seed: givenSeed }
  return long ? { numRuns: givenRuns } : { numRuns: runs, seed }
}

/** A fuzz test's time limit: generous in CI, none on a long run. */
export const fuzzTimeout: number = long ? 2 ** 31 - 1 : 120_000

/** Characters that break parsers: controls, NUL, surrogates, BOM, bidi, line ends. */
const awkward = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u000B',
  '\u000C',
  '\r',
  '\r\n',
  '\t',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\uFFFE',
  '\u202E',
  '\u00A0',
  '\u2028',
  'é',
  '日本',
  '🙂',
  '\\',
  '&',
  '&amp;',
  '&#0;',
  '&#x110000;',
  '&nbsp',
  '<',
  '>',
  '"',
  "'",
  '`',
  '|',
  '$'
)

/** A run of text: words, awkward characters, and any Unicode. */
export const inlineText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('word', 'Galley', 'a', 'x y', ' ', '  ', '1.') },
      { weight: 2, arbitrary: awkward },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }
    ),
    { maxLength: 8 }
  )
  .map((parts) => parts.join(''))

const url = fc.constantFrom(
  'https://example.com/a?b=c#d',
  './other.md',
  '../x.md#part',
  '#anchor',
  '/abs/',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java&#x09;script:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'mailto:a@b.c',
  '<with spaces>',
  'http://[::1',
  '',
  '%',
  '%2e%2e/%2e%2e/etc/passwd'
)

/** Inline Markdown: emphasis, code, links, images, autolinks, HTML, math, footnotes. */
export const inline: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: inlineText },
      { weight: 1, arbitrary: inlineText.map((text) => `*${text}*`) },
      { weight: 1, arbitrary: inlineText.map((text) => `__${text}__`) },
      { weight: 1, arbitrary: inlineText.map((text) => `~~${text}~~`) },
      { weight: 1, arbitrary: inlineText.map((text) => `\`${text}\``) },
      { weight: 1, arbitrary: inlineText.map((text) => `$${text}$`) },
      { weight: 1, arbitrary: fc.tuple(inlineText, url).map(([t, u]) => `[${t}](${u})`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(inlineText, url, inlineText)
          .map(([t, u, ti]) => `![${t}](${u} "${ti}")`)
      },
      { weight: 1, arbitrary: url.map((u) => `<${u}>`) },
      { weight: 1, arbitrary: inlineText.map((text) => `[${text}][ref]`) },
      { weight: 1, arbitrary: fc.constantFrom('[^1]', '[^note]', '[^]') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '<span>',
          '</span>',
          '<b onclick="x()">',
          '<img src=x onerror=alert(1)>',
          '<script>alert(1)</script>',
          '<a href="javascript:alert(1)">',
          '<!--',
          '-->',
          '<![CDATA[',
          '<?php',
          '<br/>',
          '</p>',
          '<svg><script>1</script></svg>',
          '<math><mi>x</mi></math>',
          '<iframe srcdoc="<script>1</script>">'
        )
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '{{< ref "other" >}}',
          '{{< highlight go >}}',
          '{{< /highlight >}}',
          '{{% notice %}}',
          '{{< unknown x=1 >}}',
          '{{<',
          '{% include x %}',
          '<!--more-->'
        )
      }
    ),
    { maxLength: 6 }
  )
  .map((parts) => parts.join(''))

/** One block of Markdown. */
export const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: inline },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 7 }), inline, fc.constantFrom('', ' {#id}', ' {#}', ' #'))
      .map(([depth, text, id]) => `${'#'.repeat(depth)} ${text}${id}`)
  },
  { weight: 1, arbitrary: inline.map((text) => `${text}\n${'='.repeat(3)}`) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: 6 }),
          fc.constantFrom('-', '*', '+', '1.', '2)', '- [ ]', '- [x]'),
          inline
        ),
        { minLength: 1, maxLength: 8 }
      )
      .map((items) =>
        items.map(([depth, marker, text]) => `${'  '.repeat(depth)}${marker} ${text}`).join('\n')
      )
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 12 }), inline)
      .map(([depth, text]) => `${'> '.repeat(depth)}${text}`)
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION', 'note', 'OTHER'),
        inline
      )
      .map(([kind, text]) => `> [!${kind}]\n> ${text}`)
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('```', '~~~', '````'),
        fc.constantFrom('', 'js', 'ts title="a.ts"', 'go {hl_lines=[1]}', 'nope', 'js title="'),
        inlineText,
        fc.boolean()
      )
      .map(([fence, info, body, closed]) => `${fence}${info}\n${body}\n${closed ? fence : ''}`)
  },
  { weight: 1, arbitrary: inlineText.map((text) => `    ${text}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          ':::note',
          ':::warning[Hot]',
          ':::details[More]',
          ':::aside{.x}',
          '::youtube{id=x}',
          '::unknown[label]{a=b}',
          ':::tip[<b>x</b>]'
        ),
        inline,
        fc.boolean()
      )
      .map(([open, text, closed]) =>
        open.startsWith(':::') ? `${open}\n${text}\n${closed ? ':::' : ''}` : `${open} ${text}`
      )
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '[[toc]]',
      ':tada: and :not-emoji: at 10:30',
      'Inline $x^2$, $\\frac{1}{$ and $5',
      ':abbr[HTML]{title="a&quot;b"} and :kbd[x]',
      '$\\def\\a{\\a\\a}\\a$'
    )
  },
  { weight: 1, arbitrary: inlineText.map((text) => `$$\n${text}\n$$`) },
  {
    weight: 1,
    arbitrary: fc
      .array(inline, { minLength: 1, maxLength: 4 })
      .map((cells) => `| ${cells.join(' | ')} |\n|${cells.map(() => '---').join('|')}|\n| a |`)
  },
  { weight: 1, arbitrary: url.map((u) => `[ref]: ${u} "title"`) },
  { weight: 1, arbitrary: inline.map((text) => `[^1]: ${text}`) },
  { weight: 1, arbitrary: fc.constantFrom('***', '---', '___', '<!--more-->', '') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<div>\n*not parsed*\n</div>',
      '<details><summary>s</summary>',
      '<table><tr><td>',
      '<pre>\n<script>alert(1)</script>',
      '<style>p{}</style>',
      '<base href="javascript:alert(1)//">',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
      '<form action="javascript:alert(1)"><input name="cookie"></form>',
      '<object data="javascript:alert(1)"></object>',
      '<a id="getElementById" name="body">clobber</a>'
    )
  }
)

/** Line ends between blocks, CRLF and lone CR among them. */
const separator = fc.constantFrom('\n\n', '\n', '\r\n\r\n', '\r\r', '\n\n\n')

/** A Markdown document (body only). */
export const markdown: fc.Arbitrary<string> = fc
  .array(fc.tuple(block, separator), { maxLength: 12 })
  .map((blocks) => blocks.map(([text, end]) => text + end).join(''))

/** A YAML scalar, as written in a document. */
const yamlScalar = fc.oneof(
  fc.constantFrom(
    'plain',
    '"quoted"',
    "'single'",
    '2018-04-23',
    '2018-02-30',
    '"2018-04-23"',
    '2018-04-23T10:00:00Z',
    'true',
    'false',
    'null',
    '~',
    '1e999',
    '-0',
    '0x1F',
    '.nan',
    '!!binary aGVsbG8=',
    '!!js/function "x"',
    '&a value',
    '*a',
    '*missing',
    '|\n  block',
    '>-\n  folded',
    '"unclosed',
    '[unclosed',
    '{a: 1',
    '[ fedora, atomic ]',
    '[]',
    '{}',
    '- item',
    '"\\u0000"',
    '"\\uD800"'
  ),
  inlineText.map((text) => JSON.stringify(text)),
  inlineText
)

const yamlKey = fc.constantFrom(
  'title',
  'date',
  'updated',
  'tags',
  'categories',
  'draft',
  'slug',
  'aliases',
  'description',
  'summary',
  'author',
  'image',
  'publishDate',
  'expiryDate',
  'weight',
  '__proto__',
  'constructor',
  'prototype',
  'darft',
  '"quoted key"',
  '? complex',
  '<<',
  ''
)

/** A YAML front matter block with its fences. */
export const yamlFrontmatter: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), yamlKey, yamlScalar, fc.boolean()), {
    maxLength: 10
  })
  .map(
    (lines) =>
      `---\n${lines
        .map(([indent, key, value, list]) =>
          list ? `${'  '.repeat(indent)}- ${value}` : `${'  '.repeat(indent)}${key}: ${value}`
        )
        .join('\n')}\n---\n`
  )

/** A TOML front matter block with its fences. */
export const tomlFrontmatter: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom('title', 'date', 'tags', 'draft', '__proto__', '"a.b"', 'a.b', ''),
          fc.constantFrom(
            '"text"',
            '2018-04-23',
            '2018-04-32',
            '1979-05-27T07:32:00Z',
            'true',
            '[ "a", "b" ]',
            '[ "a", 1 ]',
            '{ x = 1 }',
            "'''\nmulti\n'''",
            '"unclosed',
            'inf',
            'nan',
            '0o17',
            '1_000'
          )
        )
        .map(([key, value]) => `${key} = ${value}`),
      fc.constantFrom('[table]', '[[array]]', '[__proto__]', '[a.constructor]', '[', 'x ='),
      inlineText
    ),
    { maxLength: 8 }
  )
  .map((lines) => `+++\n${lines.join('\n')}\n+++\n`)

/** A JSON front matter block (Hugo's form: the object opens the file). */
export const jsonFrontmatter: fc.Arbitrary<string> = fc
  .oneof(
    fc
      .dictionary(
        fc.oneof(yamlKey, fc.string({ maxLength: 5 })),
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.string(), { maxLength: 3 })
        ),
        { maxKeys: 6 }
      )
      .map((value) => JSON.stringify(value, null, 2)),
    fc.constantFrom('{', '{"title": "a", "title": "b"}', '{"__proto__": {"x": 1}}', '{"a": 1,}')
  )
  .map((text) => `${text}\n`)

/** A whole Markdown file: any front matter (or none, or a broken fence), then a body. */
export const markdownFile: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: yamlFrontmatter },
      { weight: 1, arbitrary: tomlFrontmatter },
      { weight: 1, arbitrary: jsonFrontmatter },
      { weight: 1, arbitrary: fc.constantFrom('', '---\n', '---\ntitle: x\n', '\uFEFF---\n---\n') }
    ),
    markdown
  )
  .map(([matter, body]) => `${matter}\n${body}`)
