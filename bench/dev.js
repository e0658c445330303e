// Time `galley dev` from saving a post to its new HTML being served: start
// the dev server on a site, wait for its first build, then save an edit to
// one post N times (one after another) and poll its page until the edit is
// there. Prints a JSON line `{ ms: median, all: [...], first: ms, maxRss: KiB }`.
// Usage: node bench/dev.js <site dir> <post path> <page path> [edits]
import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const galley = path.join(here, '../packages/cli/bin/galley.js')
const [dir, post, page, count = '10'] = process.argv.slice(2)
const file = path.join(dir, post)
const original = await readFile(file, 'utf8')
const start = performance.now()
const child = spawn(process.execPath, [galley, 'dev', '--port', '0'], {
  cwd: dir,
  stdio: ['ignore', 'pipe', 'inherit']
})
const origin = await new Promise((resolve, reject) => {
  let text = ''
  child.stdout.on('data', (chunk) => {
    text += chunk
    const found = /dev server at (\S+?)\/ /.exec(text)
    if (found) resolve(found[1])
  })
  child.on('exit', () => reject(new Error('galley dev stopped')))
})
const first = performance.now() - start
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const times = []
let maxRss = 0
try {
  for (let index = 0; index < Number(count); index++) {
    const marker = `Edit number ${index} of the dev bench.`
    const began = performance.now()
    await writeFile(file, `${original}\n${marker}\n`)
    for (;;) {
      const body = await (await fetch(`${origin}${page}`)).text()
      if (body.includes(marker)) break
      await sleep(2)
    }
    times.push(performance.now() - began)
    // Let the watcher settle before the next save.
    await sleep(300)
  }
} finally {
  // Peak memory of the dev server, from the kernel (Linux).
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '')
  maxRss = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  child.kill()
  await writeFile(file, original)
}
const sorted = [...times].sort((a, b) => a - b)
const median =
  (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2
console.log(
  JSON.stringify({ ms: median, all: times.map(Math.round), first: Math.round(first), maxRss })
)
