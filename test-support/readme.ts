import { randomBytes } from 'node:crypto'
import { readFile, realpath, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { format, stripVTControlCharacters } from 'node:util'
import { vi } from 'vitest'
import { makeProject } from './project.js'

/** The runnable example of a README's Use section, what it printed, and what the README says it yields. */
export interface ReadmeExample {
  code: string
  output: string
  yields: string
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/')
}

/**
 * The packages `code` imports that no install line of the readme
 * (`npm install …`, `pnpm add …` in a ```sh block) names.
 */
function notInstalled(readme: string, code: string): string[] {
  const installed = new Set(installedBy(readme))
  const imported = [...code.matchAll(/\bfrom '([^'.][^']*)'|\bimport\('([^'.][^']*)'\)/g)]
    .map((match) => (match[1] ?? match[2]) as string)
    .filter((specifier) => !specifier.startsWith('node:'))
    .map(packageName)
  return [...new Set(imported)].filter((name) => !installed.has(name))
}

/** The packages the readme's install lines (`npm install …`, `pnpm add …` in ```sh blocks) name. */
function installedBy(readme: string): string[] {
  const installed = new Set<string>()
  for (const [, block] of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of (block as string).split('\n')) {
      const command = /^(?:npm (?:install|i)|pnpm add|yarn add)\s+(.*)$/.exec(line.trim())
      for (const word of command?.[1]?.split(/\s+/) ?? []) {
        // `astro@5` installs `astro`.
        if (!word.startsWith('-')) installed.add(packageName(word.replace(/(.)@.*$/, '$1')))
      }
    }
  }
  return [...installed]
}

/** Where the workspace has `name`: its own package, else the package's or the root's dependency. */
export async function installable(name: string, packageUrl: URL): Promise<string> {
  const root = fileURLToPath(new URL('../', import.meta.url))
  const candidates = name.startsWith('@galley/')
    ? [path.join(root, 'packages', name.slice('@galley/'.length))]
    : [
        path.join(fileURLToPath(packageUrl), 'node_modules', name),
        path.join(root, 'node_modules', name)
      ]
  for (const candidate of candidates) {
    try {
      return await realpath(candidate)
    } catch {}
  }
  throw new Error(`Cannot find \`${name}\` in the workspace to install`)
}

/**
 * Run the first ```js block of the `## Use` section of a readme in an empty
 * project with what its install lines name, and capture what it logs, to
 * compare with the `Yields:` block after it.
 *
 * @param packageUrl
 *   URL of the package folder (ending in `/`); the example runs from there.
 * @param readmeUrl
 *   URL of the readme (default: the package's `readme.md`).
 * @returns
 *   Code, output and expected output.
 */
export async function runReadmeExample(
  packageUrl: URL,
  readmeUrl: URL = new URL('readme.md', packageUrl)
): Promise<ReadmeExample> {
  const readme = await readFile(readmeUrl, 'utf8')
  const use = sectionText(readme, 'Use')
  const code = /```js\n([\s\S]*?)```/.exec(use)?.[1]
  const yields = /Yields:\n+```\w*\n([\s\S]*?)```/.exec(use)?.[1]
  if (!code || yields === undefined) {
    throw new Error('Expected a ```js block and a `Yields:` block in the Use section')
  }
  const missing = notInstalled(readme, code)
  if (missing.length > 0) {
    throw new Error(
      `Expected the readme's install line to name every package the example imports; add ${missing.join(', ')}`
    )
  }

  // Written in an empty project whose node_modules holds just what the
  // install lines name (linked from the workspace), so an import they miss fails.
  const packages: Record<string, string> = {}
  for (const name of installedBy(readme)) packages[name] = await installable(name, packageUrl)
  const project = await makeProject({ packages })
  const file = pathToFileURL(path.join(project, `readme-${randomBytes(4).toString('hex')}.mjs`))
  const lines: string[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    lines.push(format(...values))
  })
  try {
    await writeFile(file, code)
    await import(/* @vite-ignore */ file.href)
  } finally {
    spy.mockRestore()
    await rm(project, { recursive: true, force: true })
  }
  const output = stripVTControlCharacters(`${lines.join('\n')}\n`)
  // To refresh a README by hand: GALLEY_README_OUT=/tmp/out.txt pnpm vitest run readme
  if (process.env.GALLEY_README_OUT) await writeFile(process.env.GALLEY_README_OUT, output)
  return { code, output, yields }
}

/** A code block of a readme or guide, and the file it is meant to be. */
export interface CodeBlock {
  lang: string
  code: string
  /**
   * The file the block is: its first-line comment (`// layouts.tsx`), else
   * the file the paragraph before it names (`` `vite.config.ts` ``); blocks
   * after one paragraph take the files it names in turn.
   */
  file: string | undefined
}

/**
 * The code blocks of the `## heading` section of `text` (a list item's
 * blocks without its indentation), with the files they are meant to be.
 */
export function sectionBlocks(text: string, heading: string): CodeBlock[] {
  const found: CodeBlock[] = []
  let paragraph: string[] = []
  let named: string[] = []
  let turn = 0
  let blank = false
  let fence: { lang: string; indent: number; lines: string[] } | undefined
  for (const line of sectionText(text, heading).split('\n')) {
    const trimmed = line.trimStart()
    if (fence) {
      if (trimmed === '```') {
        const code = `${fence.lines.join('\n')}\n`
        const comment = /^\/\/ ([\w./[\]-]+\.\w+)\n/.exec(code)?.[1]
        found.push({ lang: fence.lang, code, file: comment ?? named[turn] })
        turn += 1
        fence = undefined
      } else fence.lines.push(line.slice(fence.indent))
    } else if (trimmed.startsWith('```')) {
      if (paragraph.length > 0) {
        named = [...paragraph.join(' ').matchAll(/`([\w./[\]-]+\.\w+)`/g)].map(
          (match) => match[1] as string
        )
        paragraph = []
        turn = 0
      }
      fence = { lang: trimmed.slice(3), indent: line.length - trimmed.length, lines: [] }
    } else if (trimmed === '') blank = true
    else {
      // The paragraph just before a block is the one that names its file.
      if (blank) paragraph = []
      blank = false
      paragraph.push(trimmed)
    }
  }
  return found
}

/** The text of the `## heading` section, to the next `## ` outside a code block. */
export function sectionText(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`)
  if (start === -1) throw new Error(`Expected a \`## ${heading}\` section`)
  const lines = text
    .slice(start + 1)
    .split('\n')
    .slice(1)
  let fenced = false
  const end = lines.findIndex((line) => {
    if (line.trimStart().startsWith('```')) fenced = !fenced
    return !fenced && line.startsWith('## ')
  })
  return lines.slice(0, end === -1 ? undefined : end).join('\n')
}
