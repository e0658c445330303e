import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'

/** `import … from './x'`, `export … from './x'`, `import './x'`, `import('./x')`, `require('./x')`. */
const specifiers =
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]*|\/[^'"\n]*)\1/g

/** What a specifier without its extension may name, in the order TypeScript tries them. */
const extensions = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json']

/**
 * The site's own modules that a config imports, itself first: every
 * relative or absolute import, followed from file to file (packages, which
 * are named without `./`, are left out). Read from the source text, so
 * what a file imports is found whatever loads it; a word that only looks
 * like an import (in a comment) at most adds a file to watch.
 *
 * @param entry
 *   Absolute path of the config file.
 * @returns
 *   Absolute paths.
 */
export async function siteModules(entry: string): Promise<string[]> {
  const found = new Set<string>([entry])
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop() as string
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      continue
    }
    for (const match of text.matchAll(specifiers)) {
      const target = await resolveModule(path.resolve(path.dirname(file), match[2] as string))
      if (target && !found.has(target) && !/[\\/]node_modules[\\/]/.test(target)) {
        found.add(target)
        if (!target.endsWith('.json')) queue.push(target)
      }
    }
  }
  return [...found]
}

/** The file a path without (or with) its extension names, or a folder's `index`. */
async function resolveModule(base: string): Promise<string | undefined> {
  // TypeScript's `./a.js` for the source `./a.ts`.
  const stem = base.replace(/\.[cm]?js$/, '')
  const tries = [
    ...extensions.map((extension) => base + extension),
    ...(stem === base ? [] : ['.ts', '.tsx', '.mts', '.cts'].map((extension) => stem + extension)),
    ...extensions.slice(1).map((extension) => path.join(base, `index${extension}`))
  ]
  for (const candidate of tries) {
    try {
      if ((await stat(candidate)).isFile()) return candidate
    } catch {
      // Not this one.
    }
  }
  return undefined
}

/**
 * Whether Node imports a module itself, as an ES module (`.mjs`, or `.js`
 * under a `package.json` with `"type": "module"`), rather than through
 * jiti: Node keeps such a module for the life of the process, so a change
 * to it needs a new process.
 *
 * @param file
 *   Absolute path.
 * @returns
 *   Whether it is.
 */
export async function isNativeModule(file: string): Promise<boolean> {
  if (file.endsWith('.mjs')) return true
  if (!file.endsWith('.js')) return false
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    try {
      const manifest = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8'))
      return (manifest as { type?: unknown }).type === 'module'
    } catch {
      // No (readable) manifest here: look higher.
    }
    if (path.dirname(folder) === folder) return false
  }
}
