// Build a generated blog of 1,000 and 10,000 seed-shaped posts with Galley's
// CLI: cold (empty cache), warm (no change), after one edit, and cold on one
// thread; side by side with the floor (a plain unified script rendering the
// same files) and the peers this machine has: Eleventy 3 and Astro 5 (from
// npm), Hugo (when `hugo` is on the PATH: `apt-get install hugo`). Each run
// is its own process, so peak memory is its own. Run from the root:
// `pnpm bench`; `BENCH_SIZES=1000` runs one size.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { glob } from 'tinyglobby'
import { posts } from './corpus.js'
import { files as astro } from './sites/astro.js'
import { files as eleventy } from './sites/eleventy.js'
import { files as galley } from './sites/galley.js'
import { files as hugo } from './sites/hugo.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const runner = path.join(here, 'run.js')
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number)
const hasHugo = spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0

/** A Node run: the runner reports its own time and peak memory on its last line. */
const run = (dir, tool, ...args) =>
  JSON.parse(
    execFileSync(process.execPath, [runner, tool, dir, ...args], {
      encoding: 'utf8',
      maxBuffer: 1e7,
      stdio: ['ignore', 'pipe', 'inherit']
    })
      .trim()
      .split('\n')
      .at(-1)
  )

/** Hugo is a Go binary: time it here, and take its peak memory from the kernel via Python. */
function runHugo(dir) {
  const start = performance.now()
  const script =
    'import resource,subprocess,sys\n' +
    'subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n' +
    'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)'
  const output = execFileSync('python3', ['-c', script, 'hugo', '--source', dir, '--quiet'], {
    encoding: 'utf8'
  })
  return { ms: performance.now() - start, maxRss: Number(output.trim()) }
}

async function writeAll(dir, files) {
  for (const [name, value] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), value)
  }
}

const rows = []
// Inside the bench package, so the sites resolve its dependencies (Astro, hastscript).
const work = path.join(here, '.work')
await mkdir(work, { recursive: true })
for (const size of sizes) {
  const dir = await mkdtemp(path.join(work, `build-${size}-`))
  const corpus = posts(size)
  await mkdir(path.join(dir, 'content/posts'), { recursive: true })
  await Promise.all(
    corpus.map((value, index) => writeFile(path.join(dir, `content/posts/post-${index}.md`), value))
  )
  await writeAll(dir, { ...galley, ...eleventy, ...hugo, ...astro })

  // Each run with the number of HTML pages its tool wrote, so no tool is
  // timed for less work than it seems to do.
  const pages = async (out) =>
    (await glob('**/*.html', { cwd: path.join(dir, out) }).catch(() => [])).length
  const results = {}
  results['plain unified (floor)'] = { ...run(dir, 'floor'), pages: 0 }
  // Renders are counted as the new entries of the render cache (one per render).
  const stored = async () =>
    (await readdir(path.join(dir, '.cache/galley/render')).catch(() => [])).length
  const galleyRun = async () => {
    const before = await stored()
    const result = run(dir, 'galley')
    return { ...result, pages: await pages('dist-galley'), renders: (await stored()) - before }
  }
  results['Galley cold'] = await galleyRun()
  results['Galley warm (no change)'] = await galleyRun()
  // An edit build is short and the machine shared: the median of three
  // edits, one after another, each resumed from the build before.
  const median = async (edit) => {
    const runs = []
    for (let round = 1; round <= 3; round++) {
      await edit(round)
      runs.push(await galleyRun())
    }
    runs.sort((a, b) => a.ms - b.ms)
    return { ...runs[1], renders: Math.max(...runs.map((result) => result.renders)) }
  }
  results['Galley one body edit'] = await median((round) =>
    writeFile(
      path.join(dir, 'content/posts/post-7.md'),
      `${corpus[7]}\nOne more paragraph (${round}).\n`
    )
  )
  results['Galley one title edit'] = await median((round) =>
    writeFile(
      path.join(dir, 'content/posts/post-8.md'),
      corpus[8].replace('title: "Post 8"', `title: "Post 8, retitled ${round}"`)
    )
  )
  await writeFile(
    path.join(dir, 'content/posts/post-new.md'),
    corpus[9].replace('Post 9', 'Post new')
  )
  results['Galley add a post'] = await galleyRun()
  // From saving a post to `galley dev` serving its new page (median of 10
  // edits), after the builds above left the render cache warm.
  const dev = JSON.parse(
    execFileSync(
      process.execPath,
      [path.join(here, 'dev.js'), dir, 'content/posts/post-7.md', '/posts/post-7/', '10'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
    )
      .trim()
      .split('\n')
      .at(-1)
  )
  results['Galley dev, save to served'] = { ms: dev.ms, maxRss: dev.maxRss, pages: '' }
  results['Galley cold, one thread'] = {
    ...run(dir, 'galley', '--fresh', '--workers', '1'),
    pages: await pages('dist-galley')
  }
  results['Eleventy 3'] = { ...run(dir, 'eleventy'), pages: await pages('dist-eleventy') }
  if (hasHugo) results.Hugo = { ...runHugo(dir), pages: await pages('dist-hugo') }
  results['Astro 5 cold'] = { ...run(dir, 'astro'), pages: await pages('dist-astro') }
  results['Astro 5 warm'] = { ...run(dir, 'astro'), pages: await pages('dist-astro') }
  // Ratios within this run only: the machine is shared, so a number from
  // another run says little.
  const floor = results['plain unified (floor)'].ms
  const cold = results['Galley cold'].ms
  for (const [name, result] of Object.entries(results)) {
    rows.push({
      posts: size,
      run: name,
      'HTML pages': result.pages,
      renders: result.renders ?? '',
      ms: result.ms.toFixed(0),
      '× floor': (result.ms / floor).toFixed(2),
      '× Galley cold': (result.ms / cold).toFixed(3),
      'files/s': Math.round((size / result.ms) * 1000),
      'peak RSS MiB': (result.maxRss / 1024).toFixed(0)
    })
  }
  await rm(dir, { recursive: true, force: true })
}
console.log(`Builds on Node ${process.version} (each run in its own process)`)
if (!hasHugo) console.log('Hugo: not on the PATH (apt-get install hugo), left out')
console.table(rows)
