// One run of the build benchmark, in its own process so its peak memory is
// its own: `node run.js <tool> <site folder> [args…]`. Prints JSON.
import { readFile } from 'node:fs/promises'
import path from 'node:path'

const [tool, root, ...args] = process.argv.slice(2)
const start = performance.now()

if (tool === 'floor') {
  // A plain unified script rendering the same files: the least any tool does.
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
  for (const file of await glob('content/posts/*.md', { cwd: root, absolute: true })) {
    await processor.process(await readFile(file, 'utf8'))
  }
} else if (tool === 'galley') {
  // The CLI, in-process: load, render (worker threads by default), check
  // links, lay out, write feeds and sitemap, write the site atomically.
  const { main } = await import('@galley/cli')
  const { Writable } = await import('node:stream')
  const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() })
  const code = await main(['build', ...args], { cwd: root, stdout: quiet, stderr: quiet })
  if (code !== 0) throw new Error(`galley build exited ${code}`)
} else if (tool === 'eleventy') {
  const { default: Eleventy } = await import('@11ty/eleventy')
  process.chdir(root)
  const eleventy = new Eleventy('content', 'dist-eleventy', {
    quietMode: true,
    configPath: 'eleventy.config.mjs'
  })
  await eleventy.write()
} else if (tool === 'astro') {
  process.env.ASTRO_TELEMETRY_DISABLED = '1'
  const { build } = await import('astro')
  await build({ root: path.resolve(root), logLevel: 'error' })
} else {
  throw new Error(`Unknown tool \`${tool}\``)
}

const ms = performance.now() - start
process.stdout.write(`\n${JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS })}\n`)
process.exit(0)
