import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { foldersOf } from '@galley/core'
import { slug } from 'github-slugger'
import { loadConfig } from '../config.js'
import type { Context } from '../io.js'

/**
 * `galley new post "Title"`: write a draft post with valid front matter into
 * the content folder, never over an existing file.
 *
 * @returns
 *   Exit code.
 */
export async function newPost(
  context: Context,
  title: string,
  flags: { config?: string | undefined }
): Promise<number> {
  const { config } = await loadConfig(context.cwd, flags.config)
  const name = slug(title)
  if (!name) {
    context.stderr.write(`galley: expected a title with letters or digits, not \`${title}\`\n`)
    return 1
  }
  const dir = path.resolve(context.cwd, foldersOf(config).contentDir)
  const file = path.join(dir, `${name}.md`)
  const shown = path.relative(context.cwd, file)
  if (existsSync(file)) {
    context.stderr.write(
      `galley: \`${shown}\` already exists; pick another title or edit that file\n`
    )
    return 1
  }
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone ?? 'UTC' }).format(
    context.now
  )
  const front = [
    '---',
    `title: ${JSON.stringify(title)}`,
    'tags: [ ]',
    `date: "${date}"`,
    'draft: true',
    '---',
    ''
  ]
  await mkdir(dir, { recursive: true })
  await writeFile(file, `${front.join('\n')}\n# ${title}\n\n`, { flag: 'wx' })
  context.stdout.write(`galley: wrote \`${shown}\` (a draft: set \`draft: false\` to publish it)\n`)
  return 0
}
