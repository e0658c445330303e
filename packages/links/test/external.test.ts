import './guard.js'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { type AddressInfo, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ExternalOptions } from '@galley/links'
import { checkExternal } from '@galley/links/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reply, startServer, type TestServer } from './server.js'

let server: TestServer
let root: string
// Fast settings: the server is local; delays are short but real.
const fast: ExternalOptions = {
  interval: 0,
  retryDelay: 5,
  maxRetryAfter: 60,
  timeout: 2000,
  random: () => 0
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-links-'))
  server = await startServer({
    '/ok': reply(200, { 'content-type': 'text/plain' }, 'ok'),
    '/missing': reply(404),
    '/gone': reply(410),
    '/chain': reply(301, { location: '/chain-2' }),
    '/chain-2': reply(302, { location: '/ok' }),
    '/loop': reply(302, { location: '/loop-2' }),
    '/loop-2': reply(302, { location: '/loop' }),
    '/relative': reply(302, { location: 'ok' }),
    '/bad-location': reply(302, { location: 'http://[::1' }),
    '/head-405': (request, response) => {
      response.writeHead(request.method === 'HEAD' ? 405 : 200)
      response.end()
    },
    '/retry-seconds': (_request, response, count) =>
      count === 1
        ? reply(429, { 'retry-after': '1' })(_request, response, count)
        : reply(200)(_request, response, count),
    '/retry-date': (_request, response, count) =>
      count === 1
        ? reply(429, { 'retry-after': new Date(Date.now() + 5000).toUTCString() })(
            _request,
            response,
            count
          )
        : reply(200)(_request, response, count),
    '/retry-garbage': (_request, response, count) =>
      count === 1
        ? reply(429, { 'retry-after': 'soon' })(_request, response, count)
        : reply(200)(_request, response, count),
    '/always-429': reply(429),
    '/flaky': (_request, response, count) =>
      reply(count === 1 ? 503 : 200)(_request, response, count),
    '/slow-headers': (_request, response) => {
      setTimeout(() => reply(200)(_request, response, 0), 400)
    },
    '/trickle': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      const timer = setInterval(() => response.write('.'), 30)
      response.on('close', () => clearInterval(timer))
    },
    '/reset': (request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' })
      response.write('<p>partial')
      setTimeout(() => request.socket.destroy(), 10)
    },
    '/bot': reply(403, { 'cf-mitigated': 'challenge' }),
    '/forbidden': reply(403),
    '/linkedin': reply(999),
    '/page': reply(
      200,
      { 'content-type': 'text/html' },
      '<h1 id="intro">Hi</h1><a name="old">x</a>'
    ),
    // Accepts the request and never answers.
    '/never': () => {},
    // 200 MB of HTML (a paragraph a kilobyte), as fast as the socket takes it.
    '/huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      const chunk = Buffer.alloc(1024 * 1024, `<p id="x">${'text '.repeat(200)}</p>`)
      let sent = 0
      const more = () => {
        while (sent < 200 && response.write(chunk)) sent++
        if (sent >= 200) response.end()
      }
      response.on('drain', () => {
        sent++
        more()
      })
      more()
    },
    '/slow': (_request, response) => {
      // Longer than the interval of the spacing test, so two overlap.
      setTimeout(() => reply(200)(_request, response, 0), 120)
    }
  })
})

afterAll(async () => {
  await server.close()
  await rm(root, { recursive: true, force: true })
})

async function verdicts(paths: string[], options: ExternalOptions = {}) {
  const urls = paths.map((value) => (value.includes(':') ? value : `${server.origin}${value}`))
  const report = await checkExternal(urls, { ...fast, retries: 0, ...options })
  return urls.map((url) => {
    const result = report.results.get(url)
    return [url.replace(server.origin, ''), result?.verdict, result?.reason]
  })
}

describe('external checks against 127.0.0.1', () => {
  it('should judge plain statuses', async () => {
    expect(await verdicts(['/ok', '/missing', '/gone', '/forbidden'])).toEqual([
      ['/ok', 'ok', '200 OK'],
      ['/missing', 'broken', '404 Not Found'],
      ['/gone', 'broken', '410 Gone'],
      ['/forbidden', 'broken', '403 Forbidden']
    ])
  })

  it('should follow redirect chains, relative ones too, and stop loops and long chains', async () => {
    const report = await checkExternal(
      ['/chain', '/relative', '/loop'].map((p) => `${server.origin}${p}`),
      { ...fast, retries: 0 }
    )
    expect(report.results.get(`${server.origin}/chain`)).toMatchObject({
      verdict: 'ok',
      finalUrl: `${server.origin}/ok`,
      permanent: true
    })
    expect(report.results.get(`${server.origin}/relative`)).toMatchObject({
      verdict: 'ok',
      finalUrl: `${server.origin}/ok`,
      permanent: false
    })
    expect(report.results.get(`${server.origin}/loop`)).toMatchObject({
      verdict: 'broken',
      reason: `redirect loop at \`${server.origin}/loop\``
    })
    expect(await verdicts(['/chain'], { maxRedirects: 1 })).toEqual([
      ['/chain', 'broken', 'more than 1 redirects']
    ])
  })

  it('should judge a redirect to something that is not a URL broken, and go on', async () => {
    expect(await verdicts(['/bad-location', '/ok'], {})).toEqual([
      ['/bad-location', 'broken', 'redirect to `http://[::1`, which is not a URL'],
      ['/ok', 'ok', '200 OK']
    ])
  })

  it('should fall back to GET when HEAD is refused', async () => {
    expect(await verdicts(['/head-405'])).toEqual([['/head-405', 'ok', '200 OK']])
    expect(server.facts.counts.get('HEAD /head-405')).toBe(1)
    expect(server.facts.counts.get('GET /head-405')).toBe(1)
  })

  it('should honour Retry-After in seconds and as a date, capped, and back off on garbage', async () => {
    const results = await verdicts(['/retry-seconds', '/retry-date', '/retry-garbage'], {
      retries: 2
    })
    expect(results.map(([, verdict]) => verdict)).toEqual(['ok', 'ok', 'ok'])
    for (const route of ['/retry-seconds', '/retry-date']) {
      const [first, second] = server.facts.starts.get(route) ?? []
      // Asked for 1 s and 5 s; capped at `maxRetryAfter` (60 ms).
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(55)
      expect((second ?? 0) - (first ?? 0)).toBeLessThan(1000)
    }
    expect(server.facts.counts.get('/retry-garbage')).toBe(2)
  })

  it('should give up on 429 after the retries, as unverifiable', async () => {
    expect(await verdicts(['/always-429'], { retries: 2 })).toEqual([
      ['/always-429', 'unverifiable', '429 Too Many Requests after retries']
    ])
    expect(server.facts.counts.get('/always-429')).toBe(3)
  })

  it('should retry a 503 and then pass', async () => {
    expect(await verdicts(['/flaky'], { retries: 1 })).toEqual([['/flaky', 'ok', '200 OK']])
    expect(server.facts.counts.get('/flaky')).toBe(2)
  })

  it('should time out slow headers, trickling bodies and report resets as unverifiable', async () => {
    expect(await verdicts(['/slow-headers', '/trickle', '/reset'], { timeout: 150 })).toEqual([
      ['/slow-headers', 'unverifiable', 'timed out after 150 ms'],
      ['/trickle', 'unverifiable', 'timed out after 150 ms'],
      ['/reset', 'unverifiable', 'the connection was reset']
    ])
  })

  it('should end the run at its deadline, a verdict for every link of a host that never answers', async () => {
    const paths = Array.from({ length: 60 }, (_, index) => `/never?${index}`)
    const started = performance.now()
    // Without the deadline: 60 links, 4 at a time, 10 s each, twice retried: about 7 minutes.
    const found = await verdicts(paths, { timeout: 10_000, retries: 2, deadline: 800 })
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(found).toEqual(
      paths.map((item) => [item, 'unverifiable', "not checked within the run's deadline of 0.8 s"])
    )
  })

  it('should give a verdict for malformed HTTP, a silent socket and a 200 MB body, in bounded memory', async () => {
    const garbage = createServer((socket) => socket.end('HELLO THERE\r\n\r\n'))
    const silent = createServer(() => {})
    const open: Socket[] = []
    silent.on('connection', (socket) => open.push(socket))
    await Promise.all(
      [garbage, silent].map(
        (each) => new Promise<void>((resolve) => each.listen(0, '127.0.0.1', resolve))
      )
    )
    const at = (each: typeof garbage) => `http://127.0.0.1:${(each.address() as AddressInfo).port}/`
    const before = process.memoryUsage().rss
    try {
      const found = await verdicts([at(garbage), at(silent), '/huge#x', '/huge'], {
        timeout: 1500,
        fragments: true
      })
      expect(found.map(([, verdict, reason]) => [verdict, reason])).toEqual([
        ['unverifiable', "the server's answer is not HTTP"],
        ['unverifiable', 'timed out after 1500 ms'],
        ['ok', '200 OK'],
        ['ok', '200 OK']
      ])
      // The body is read for ids up to 5 MB, and the rest drained, not kept.
      expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024)
    } finally {
      for (const socket of open) socket.destroy()
      garbage.close()
      silent.close()
    }
  })

  it('should call bot walls unverifiable, not broken', async () => {
    expect(await verdicts(['/bot', '/linkedin'])).toEqual([
      ['/bot', 'unverifiable', '403 Forbidden: the site blocks automated checks'],
      ['/linkedin', 'unverifiable', '999 Request Denied: the site blocks automated checks']
    ])
  })

  it('should check fragments on external pages when asked, fetching each page once', async () => {
    const before = server.facts.counts.get('GET /page') ?? 0
    expect(
      await verdicts(['/page#intro', '/page#old', '/page#nope', '/page#top'], { fragments: true })
    ).toEqual([
      ['/page#intro', 'ok', '200 OK'],
      ['/page#old', 'ok', '200 OK'],
      ['/page#nope', 'broken', 'the page has no `#nope`'],
      ['/page#top', 'ok', '200 OK']
    ])
    expect((server.facts.counts.get('GET /page') ?? 0) - before).toBe(1)
  })

  it('should check mailto: and tel: syntax without contacting anything', async () => {
    expect(
      await verdicts(['mailto:ann@example.com', 'mailto:nobody', 'tel:+1-555-0100', 'tel:call-me'])
    ).toEqual([
      ['mailto:ann@example.com', 'ok', 'valid email address'],
      ['mailto:nobody', 'broken', 'not a valid email address'],
      ['tel:+1-555-0100', 'ok', 'valid phone number'],
      ['tel:call-me', 'broken', 'not a valid phone number']
    ])
  })

  it('should exclude URLs and accept chosen statuses', async () => {
    const report = await checkExternal(
      [`${server.origin}/missing`, `${server.origin}/gone`, `${server.origin}/forbidden`],
      { ...fast, exclude: [/\/missing$/], accept: [403] }
    )
    expect([...report.results.keys()].map((url) => url.replace(server.origin, ''))).toEqual([
      '/gone',
      '/forbidden'
    ])
    expect(report.results.get(`${server.origin}/forbidden`)?.verdict).toBe('ok')
    const byFunction = await checkExternal([`${server.origin}/gone`], {
      ...fast,
      exclude: (url) => url.endsWith('/gone')
    })
    expect(byFunction.results.size).toBe(0)
  })

  it('should send each URL once, keep to the per-host limit and the interval', async () => {
    const urls = Array.from({ length: 8 }, (_, index) => `${server.origin}/slow?n=${index}`)
    const report = await checkExternal([...urls, ...urls], {
      ...fast,
      concurrency: 2,
      interval: 50
    })
    expect(report.requests).toBe(8)
    expect(server.facts.maxInFlightByPath.get('/slow')).toBe(2)
    const starts = server.facts.starts.get('/slow') ?? []
    const gaps = starts.slice(1).map((start, index) => start - (starts[index] ?? 0))
    // Starts leave the client at least 50 ms apart (the gate's own test, with a
    // fake clock, checks that exactly); arrivals at the server may differ by
    // loopback jitter, so 80% of the interval is the bound here.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40)
  })

  it('should send the User-Agent', async () => {
    let agent: string | undefined
    const probe = await startServer({
      '/ua': (request, response) => {
        agent = request.headers['user-agent']
        reply(200)(request, response, 0)
      }
    })
    await checkExternal([`${probe.origin}/ua`], { ...fast, userAgent: 'test-agent/1' })
    await probe.close()
    expect(agent).toBe('test-agent/1')
  })

  it('should keep results in a cache: a second run makes no request', async () => {
    const cache = path.join(root, 'links.json')
    let clock = 1_000_000
    const options = { ...fast, retries: 0, cache, now: () => clock, maxAge: 60_000 }
    const urls = [`${server.origin}/page`, `${server.origin}/gone`]
    const first = await checkExternal(urls, options)
    expect(first.requests).toBe(2)
    const second = await checkExternal(urls, options)
    // The `ok` page comes from the cache; the broken one is checked again.
    expect(second.requests).toBe(1)
    clock += 120_000
    const stale = await checkExternal([urls[0] as string], options)
    expect(stale.requests).toBe(1)
    expect(JSON.parse(await readFile(cache, 'utf8')).version).toBe(1)
  })

  it('should discard a corrupt cache with a warning', async () => {
    const cache = path.join(root, 'corrupt.json')
    await writeFile(cache, '{ not json')
    const report = await checkExternal([`${server.origin}/ok`], { ...fast, cache })
    expect(report.requests).toBe(1)
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^Unexpected contents in link cache `.*corrupt\.json` \(.+\); it was discarded and every link is checked again$/
      )
    ])
  })

  it('should refuse a certificate it does not trust, and accept it with `ca`', async () => {
    const { default: selfsigned } = await import('selfsigned')
    const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]
    })
    const secure = await startServer({ '/ok': reply(200) }, { key: pems.private, cert: pems.cert })
    const untrusted = await checkExternal([`${secure.origin}/ok`], { ...fast, retries: 0 })
    const trusted = await checkExternal([`${secure.origin}/ok`], {
      ...fast,
      retries: 0,
      ca: pems.cert
    })
    await secure.close()
    expect(untrusted.results.get(`${secure.origin}/ok`)).toMatchObject({
      verdict: 'broken',
      reason: 'the TLS certificate is not trusted'
    })
    expect(trusted.results.get(`${secure.origin}/ok`)?.verdict).toBe('ok')
  })

  it('should be stopped by the guard before it leaves the machine', async () => {
    // The guard throws in `connect`, before any DNS lookup or packet.
    const report = await checkExternal(['http://galley-guard.invalid/'], { ...fast, retries: 0 })
    expect(report.results.get('http://galley-guard.invalid/')?.reason).toBe(
      'Test tried to reach `galley-guard.invalid`: only loopback is allowed'
    )
    expect(report.requests).toBe(1)
  })

  it('should throw a `TypeError` naming a bad option', async () => {
    await expect(checkExternal([], { concurrency: 0 })).rejects.toThrow(
      new TypeError('Expected `concurrency` to be a whole number of at least 1, not `0`')
    )
  })
})
