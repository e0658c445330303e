// Internal checks over a generated site of 10,000 pages and 100,000 links,
// and external checks against loopback servers with a fixed latency.
// Run from the root: `pnpm bench`.
import { createServer } from 'node:http'
import { checkLinks } from '@galley/links'
import { checkExternal } from '@galley/links/node'
import { VFile } from 'vfile'

const pages = 10_000
const linksPerPage = 10
let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

const files = []
for (let index = 0; index < pages; index++) {
  const file = new VFile({ path: `posts/p${index}.md` })
  const ids = Array.from({ length: 10 }, (_, id) => ({ id: `section-${id}`, place: undefined }))
  const links = Array.from({ length: linksPerPage }, (_, link) => {
    const target = Math.floor(random() * pages * 1.01) // About 1% point at pages that do not exist.
    const anchor = random() < 0.5 ? `#section-${Math.floor(random() * 11)}` : ''
    return {
      href: `/posts/p${target}/${anchor}`,
      place: { start: { line: link + 1, column: 1 }, end: { line: link + 1, column: 20 } }
    }
  })
  file.data.galleyLinks = { ids, links }
  files.push(file)
}

global.gc?.()
const heapBefore = process.memoryUsage().heapUsed
const start = performance.now()
checkLinks(files)
const internalMs = performance.now() - start
const heapAfter = process.memoryUsage().heapUsed
const messages = files.reduce((sum, file) => sum + file.messages.length, 0)

console.log(`@galley/links on Node ${process.version}`)
console.table([
  {
    task: `checkLinks: ${pages} pages, ${pages * linksPerPage} internal links`,
    ms: internalMs.toFixed(0),
    'links/s': Math.round((pages * linksPerPage) / (internalMs / 1000)),
    messages,
    'heap growth MiB': ((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)
  }
])

// External: 2 hosts answering after 20 ms each; 400 distinct URLs, each linked twice.
const latency = 20
const servers = await Promise.all(
  [0, 1].map(
    () =>
      new Promise((resolve) => {
        const server = createServer((_request, response) =>
          setTimeout(() => response.end('ok'), latency)
        )
        server.listen(0, '127.0.0.1', () => resolve(server))
      })
  )
)
const urls = []
for (let index = 0; index < 400; index++) {
  const { port } = servers[index % 2].address()
  urls.push(`http://127.0.0.1:${port}/page/${index}`)
}
const rows = []
for (const concurrency of [4, 8]) {
  const begin = performance.now()
  const report = await checkExternal([...urls, ...urls], { concurrency, interval: 0 })
  const ms = performance.now() - begin
  rows.push({
    task: `checkExternal: ${urls.length} URLs on 2 hosts, ${latency} ms latency, ${concurrency} per host`,
    ms: ms.toFixed(0),
    'links/s': Math.round((urls.length * 2) / (ms / 1000)),
    requests: report.requests,
    'floor ms (latency × URLs ÷ parallel)': ((latency * urls.length) / (2 * concurrency)).toFixed(0)
  })
}
console.table(rows)
await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
