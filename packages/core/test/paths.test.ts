import { describe, expect, it } from 'vitest'
import { isPlain } from '../src/node/paths.js'

describe('paths', () => {
  it('should tell plain relative paths from the rest', () => {
    expect(['posts/a/index.html', '.well-known/x', 'a/..b'].map(isPlain)).toEqual([
      true,
      true,
      true
    ])
    for (const odd of ['', 'a//b', './a', 'a/..', '/a', 'a/', 'a\0b', 'a\\b']) {
      expect(isPlain(odd)).toBe(false)
    }
  })
})
