import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findUnguardedKeys } from './keys.js'

const root = fileURLToPath(new URL('../', import.meta.url))

function sources(): string[] {
  const packages = path.join(root, 'packages')
  return readdirSync(packages).flatMap((name) => {
    const dir = path.join(packages, name, 'src')
    try {
      return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => path.join(dir, file))
    } catch {
      return []
    }
  })
}

describe('computed keys in src/', () => {
  it('should find no assignment under a key from content without a guard', () => {
    const files = sources()
    expect(files.length).toBeGreaterThan(50)
    const found = files.flatMap((file) =>
      findUnguardedKeys(file, readFileSync(file, 'utf8')).map(
        (item) => `${path.relative(root, file)}:${item.line}: ${item.text}`
      )
    )
    expect(found).toEqual([])
  })

  it('should catch what it is named after, and accept a reason', () => {
    const code = [
      'const data = {}',
      'for (const [key, value] of entries) data[key] = value',
      'data[name] ??= []',
      'Object.assign(data, input)',
      'Object.assign({}, input)',
      "data['title'] = 1",
      '// own-key: `name` is a collection name from the config.',
      'data[name] = []',
      'const merged = {',
      '  // own-key: numbers only.',
      '  x: (list[index] = 1)',
      '}'
    ].join('\n')
    expect(findUnguardedKeys('sample.ts', code)).toEqual([
      { line: 2, text: 'data[key] = value' },
      { line: 3, text: 'data[name] ??= []' },
      { line: 4, text: 'Object.assign(data, input)' }
    ])
  })
})
