import { statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type OutputRecord, readRecordsFile, writeRecords } from '../src/node/records.js'

let root: string
let file: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-records-'))
  file = path.join(root, 'records.bin')
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const record = (n: number, reads: string[]): OutputRecord => ({
  hash: n.toString(16).padStart(64, '0'),
  size: n,
  ino: 1000 + n,
  mtime: 1_700_000_000_000.25 + n,
  reads,
  fingerprint: `f${n}`
})

/** Every record of a records file, as a build reads them back. */
async function all(paths: string[], stamp = 's') {
  const read = await readRecordsFile(file, stamp)
  return Object.fromEntries(paths.map((where) => [where, read.get(where)]))
}

describe('output records', () => {
  it('should give back what was written, records kept as read and records made anew alike', async () => {
    const first = new Map([
      ['a/index.html', record(1, ['a.md\u0000data', 'a.md\u0000html'])],
      ['b/index.html', record(2, ['b.md\u0000html'])],
      ['index.html', { ...record(3, []), reads: undefined, fingerprint: undefined }]
    ])
    await writeRecords(file, 's', first, new Map([['', '1:2']]), 'one')
    const read = await readRecordsFile(file, 's')
    expect(read.build).toBe('one')
    expect(read.folders).toEqual(new Map([['', '1:2']]))
    expect(await all([...first.keys()])).toEqual(Object.fromEntries(first))

    // The next build keeps `a` as read, and makes `b` anew with a new key.
    const next = new Map([
      ['a/index.html', read.get('a/index.html') as OutputRecord],
      ['b/index.html', record(4, ['b.md\u0000html', 'c.md\u0000data'])]
    ])
    await writeRecords(file, 's', next)
    expect(await all([...next.keys(), 'index.html'])).toEqual({
      ...Object.fromEntries(next),
      'index.html': undefined
    })
    // Under another stamp, only what each file is.
    const other = await readRecordsFile(file, 't')
    expect(other.build).toBeUndefined()
    expect(other.get('a/index.html')).toEqual({
      hash: record(1, []).hash,
      size: 1,
      ino: 1001,
      mtime: 1_700_000_000_001.25
    })
  })

  it('should drop the keys no record reads any more, and keep the reads right', async () => {
    const many = Array.from({ length: 3000 }, (_, n) => `old-${n}.md\u0000data`)
    await writeRecords(
      file,
      's',
      new Map([
        ['x.html', record(1, many)],
        ['y.html', record(2, ['y'])]
      ])
    )
    const read = await readRecordsFile(file, 's')
    const kept = read.get('y.html') as OutputRecord
    await writeRecords(
      file,
      's',
      new Map([
        ['y.html', kept],
        ['z.html', record(3, ['z', 'y'])]
      ])
    )
    expect(await all(['y.html', 'z.html'])).toEqual({
      'y.html': record(2, ['y']),
      'z.html': record(3, ['z', 'y'])
    })
    // Two keys are left of 3,002: the file is small again.
    expect(statSync(file).size).toBeLessThan(2000)
  })
})
