// Render a corpus of blog posts with @galley/markdown, side by side with the
// floor: a plain unified script doing the same work (front matter parsed,
// GFM, raw HTML kept) without Galley's extras (heading ids, table of
// contents, links, images, excerpt, stats). Run from the root: `pnpm bench`.
import { createMarkdownProcessor } from '@galley/markdown'
import rehypeStringify from 'rehype-stringify'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { Bench } from 'tinybench'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { parse as parseYaml } from 'yaml'
import { posts } from './corpus.js'

const corpus = posts(300)
const bytes = corpus.reduce((sum, value) => sum + Buffer.byteLength(value), 0)

const floor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(() => (tree, file) => {
    const node = tree.children[0]
    if (node?.type === 'yaml') file.data.matter = parseYaml(node.value)
  })
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeStringify, { allowDangerousHtml: true })
  .freeze()

const galley = createMarkdownProcessor()
// What writers type, all on (the theme's set, and math): the cost of the
// syntax extensions and passes on posts that mostly do not use them.
const writer = createMarkdownProcessor({
  alerts: true,
  directives: true,
  emoji: true,
  toc: true,
  headingLinks: true,
  math: true
})

const bench = new Bench({ iterations: 8, time: 0, warmup: true, warmupIterations: 2 })
bench
  .add('plain unified (the floor)', async () => {
    for (const value of corpus) await floor.process(new VFile({ value }))
  })
  .add('@galley/markdown render', async () => {
    for (const value of corpus) await galley.render(new VFile({ value }))
  })
  .add('@galley/markdown, writer syntax on', async () => {
    for (const value of corpus) await writer.render(new VFile({ value }))
  })
await bench.run()

const [plain, ours, withSyntax] = bench.tasks.map(
  (task) => task.result?.latency?.mean ?? Number.NaN
)
console.log(
  `@galley/markdown on Node ${process.version}: ${corpus.length} posts, ${(bytes / 1024).toFixed(0)} KiB`
)
console.table(
  bench.tasks.map((task) => {
    const mean = task.result?.latency?.mean ?? Number.NaN
    return {
      task: task.name,
      'ms per corpus': mean.toFixed(1),
      '± %': task.result?.latency?.rme?.toFixed(1),
      'MB/s': (bytes / 1e6 / (mean / 1000)).toFixed(2),
      'files/s': (corpus.length / (mean / 1000)).toFixed(0)
    }
  })
)
const overhead = ((ours - plain) / plain) * 100
console.log(`Galley's overhead over the floor: ${overhead.toFixed(1)}% (goal: under 15%)`)
console.log(
  `With alerts, directives, emoji, [[toc]], heading links and math on: ${(((withSyntax - plain) / plain) * 100).toFixed(1)}% over the floor`
)

// Pathological input: Galley must render it (or say why not) in no more than
// twice the floor's time. One run each; the floor may crash where Galley
// reports a message.
const pathological = {
  '10,000 nested blockquotes': `${'>'.repeat(10_000)} deep\n`,
  'lists nested 400 deep': Array.from(
    { length: 400 },
    (_, depth) => `${'  '.repeat(depth)}- item`
  ).join('\n'),
  '50,000 open brackets': `${'['.repeat(50_000)}\n`,
  '20,000 emphasis runs': `${'*a '.repeat(20_000)}\n`,
  'NUL bytes and lone surrogates': `${'a\u0000b\uD800c '.repeat(20_000)}\n`
}
const rows = []
for (const [name, value] of Object.entries(pathological)) {
  const time = async (run) => {
    const start = performance.now()
    try {
      await run()
      return { ms: performance.now() - start, crashed: false }
    } catch {
      return { ms: performance.now() - start, crashed: true }
    }
  }
  const plainRun = await time(() => floor.process(new VFile({ value })))
  let fatal = ''
  const oursRun = await time(async () => {
    const { file } = await galley.render(new VFile({ value }))
    fatal = file.messages.find((message) => message.fatal)?.ruleId ?? ''
  })
  rows.push({
    input: name,
    'floor ms': plainRun.crashed ? `${plainRun.ms.toFixed(0)} (crashed)` : plainRun.ms.toFixed(0),
    'Galley ms': oursRun.ms.toFixed(0) + (fatal ? ` (${fatal})` : ''),
    ratio: (oursRun.ms / plainRun.ms).toFixed(2)
  })
}
console.table(rows)
