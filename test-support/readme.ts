import { randomBytes } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { format, stripVTControlCharacters } from 'node:util'
import { vi } from 'vitest'

/** The runnable example of a README's Use section, what it printed, and what the README says it yields. */
export interface ReadmeExample {
  code: string
  output: string
  yields: string
}

/**
 * Run the first ```js block of the `## Use` section of a readme and capture
 * what it logs, to compare with the `Yields:` block after it.
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
  const use = /\n## Use\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? ''
  const code = /```js\n([\s\S]*?)```/.exec(use)?.[1]
  const yields = /Yields:\n+```\w*\n([\s\S]*?)```/.exec(use)?.[1]
  if (!code || yields === undefined) {
    throw new Error('Expected a ```js block and a `Yields:` block in the Use section')
  }

  // Written inside the package so that its imports resolve as a user's would.
  const file = new URL(`test/.readme-${randomBytes(4).toString('hex')}.mjs`, packageUrl)
  const lines: string[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    lines.push(format(...values))
  })
  try {
    await writeFile(file, code)
    await import(/* @vite-ignore */ file.href)
  } finally {
    spy.mockRestore()
    await rm(file, { force: true })
  }
  const output = stripVTControlCharacters(`${lines.join('\n')}\n`)
  // To refresh a README by hand: GALLEY_README_OUT=/tmp/out.txt pnpm vitest run readme
  if (process.env.GALLEY_README_OUT) await writeFile(process.env.GALLEY_README_OUT, output)
  return { code, output, yields }
}
