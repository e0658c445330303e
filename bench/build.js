// Build a generated blog of 1,000 and 10,000 seed-shaped posts with Galley:
// cold (empty cache), warm (no change), after one edit; and the floor, a
// plain unified script rendering the same files. Each run is its own process,
// so peak memory is its own. Run from the root: `pnpm bench`.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { posts } from './corpus.js'

const self = fileURLToPath(import.meta.url)
const [scenario, root] = process.argv.slice(2)

if (scenario) {
  const start = performance.now()
  let count = 0
  if (scenario === 'floor') {
    const { default: rehypeStringify } = await import('rehype-stringify')
    const { default: remarkFrontmatter } = await import('remark-frontmatter')
    const { default: remarkGfm } = await import('remark-gfm')
    const { default: remarkParse } = await import('remark-parse')
    const { default: remarkRehype } = await import('remark-rehype')
    const { unified } = await import('unified')
    const { glob } = await import('tinyglobby')
    const processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkGfm)
      .use(remarkRehype)
      .use(rehypeStringify)
      .freeze()
    for (const file of await glob('content/**/*.md', { cwd: root, absolute: true })) {
      await processor.process(await readFile(file, 'utf8'))
      count++
    }
  } else {
    const { createContentCache, loadContent } = await import('@galley/core/node')
    const { createGalley } = await import('@galley/core')
    const files = await loadContent('content', { cwd: root })
    const galley = createGalley({
      site: 'https://bench.test/',
      now: new Date('2026-01-01T00:00:00Z'),
      cache: createContentCache(path.join(root, '.cache'))
    })
    const result = await galley.build(files)
    count = result.pages.length
  }
  const ms = performance.now() - start
  process.stdout.write(JSON.stringify({ ms, count, maxRss: process.resourceUsage().maxRSS }))
  process.exit(0)
}

const run = (name, dir) =>
  JSON.parse(
    execFileSync(process.execPath, [self, name, dir], { encoding: 'utf8', maxBuffer: 1e7 })
  )
const rows = []
for (const size of [1_000, 10_000]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'galley-build-bench-'))
  await mkdir(path.join(dir, 'content/posts'), { recursive: true })
  const corpus = posts(size)
  await Promise.all(
    corpus.map((value, index) => writeFile(path.join(dir, `content/posts/post-${index}.md`), value))
  )
  const floor = run('floor', dir)
  const cold = run('galley', dir)
  const warm = run('galley', dir)
  await writeFile(path.join(dir, 'content/posts/post-7.md'), `${corpus[7]}\nOne more paragraph.\n`)
  const edit = run('galley', dir)
  for (const [name, result] of Object.entries({
    'plain unified (floor)': floor,
    'Galley cold': cold,
    'Galley warm': warm,
    'Galley after one edit': edit
  })) {
    rows.push({
      posts: size,
      run: name,
      ms: result.ms.toFixed(0),
      'files/s': Math.round((size / result.ms) * 1000),
      'peak RSS MiB': (result.maxRss / 1024).toFixed(0)
    })
  }
  await rm(dir, { recursive: true, force: true })
}
console.log(`Builds on Node ${process.version} (each run in its own process)`)
console.table(rows)
