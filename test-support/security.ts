import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Hostile content kept as fixtures for the security tests of every package:
 * `prototype/` holds posts whose front matter tries to reach
 * `Object.prototype` (TOML tables, dotted keys, inline tables, arrays of
 * tables, YAML aliases, JSON), `data/` a data file doing the same, and
 * `xss/` posts whose HTML tries to run script in pages and feeds.
 */
export const securityFixtures: string = fileURLToPath(new URL('security/', import.meta.url))

/** Every fixture of one folder of `security/`, by file name. */
export function readFixtures(folder: 'data' | 'prototype' | 'xss'): Map<string, string> {
  const dir = new URL(`security/${folder}/`, import.meta.url)
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(new URL(name, dir), 'utf8')])
  )
}

/** Keys `Object.prototype` has now: none beyond the built-ins when nothing polluted it. */
export function prototypeKeys(): string[] {
  const keys: string[] = []
  for (const key in {}) keys.push(key)
  return [
    ...keys,
    ...Object.getOwnPropertyNames(Object.prototype).filter((key) => !builtins.has(key))
  ]
}

const builtins = new Set(Object.getOwnPropertyNames(Object.prototype))
