import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// What `npm pack` puts in each package's tarball (after `pnpm build`), and
// the metadata npm shows beside it.
const root = fileURLToPath(new URL('../', import.meta.url))
const names = readdirSync(path.join(root, 'packages'))

interface Manifest {
  name: string
  license?: string
  homepage?: string
  bugs?: string
  repository?: { type: string; url: string; directory?: string }
}

/** The files `npm pack` would put in the package at `dir`. */
function packed(dir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts'],
      { cwd: dir },
      (error, stdout) => {
        if (error) reject(error)
        else {
          const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>
          resolve((pack?.files ?? []).map((file) => file.path).sort())
        }
      }
    )
  })
}

describe('every package’s tarball', () => {
  const license = readFile(path.join(root, 'LICENSE'), 'utf8')

  for (const name of names) {
    const dir = path.join(root, 'packages', name)

    it(`should carry the MIT license and say where ${name} lives`, async () => {
      expect(await license).toMatch(/^MIT License\n/)
      expect(await readFile(path.join(dir, 'LICENSE'), 'utf8')).toBe(await license)
      const manifest = JSON.parse(
        await readFile(path.join(dir, 'package.json'), 'utf8')
      ) as Manifest
      expect(manifest.license).toBe('MIT')
      expect(manifest.repository?.type).toBe('git')
      expect(manifest.repository?.directory).toBe(`packages/${name}`)
      expect(manifest.homepage).toMatch(new RegExp(`/packages/${name}#readme$`))
      expect(manifest.bugs).toMatch(/\/issues$/)
    })

    it(`should ship ${name}’s src/ only where its source maps point`, {
      timeout: 30_000
    }, async () => {
      const files = await packed(dir)
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'package.json', 'readme.md']))
      const sources = files.filter((file) => file.startsWith('src/'))
      const maps = files.filter((file) => file.endsWith('.map'))
      // Source without maps is dead weight: nothing leads a reader to it.
      if (sources.length > 0) expect(maps.length).toBeGreaterThan(0)
      const referenced = new Set<string>()
      for (const map of maps) {
        const { sources: from } = JSON.parse(await readFile(path.join(dir, map), 'utf8')) as {
          sources: string[]
        }
        for (const source of from) referenced.add(path.posix.join(path.posix.dirname(map), source))
      }
      // A map that points at a file the tarball lacks leads nowhere.
      expect(files).toEqual(expect.arrayContaining([...referenced]))
      expect([...referenced].filter((file) => !file.startsWith('src/'))).toEqual([])
    })
  }
})
