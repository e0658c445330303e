import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Rolldown } from 'tsdown'

/** Where a bundled module's package starts: the last `node_modules/<name>/` in its path. */
const packagePattern = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/

/**
 * A Rolldown plugin that writes the licence of every package bundled into
 * the output (`fileName`, one section per package with its licence text),
 * as the MIT and ISC licences of those packages ask of a copy.
 *
 * @param fileName
 *   Name of the notice in the output folder.
 * @returns
 *   Plugin.
 */
export function licenses(fileName: string): Rolldown.Plugin {
  return {
    name: 'galley-licenses',
    generateBundle(_options, bundle) {
      const folders = new Set<string>()
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue
        for (const id of output.moduleIds) {
          const match = packagePattern.exec(id.replace(/^\0/, ''))
          if (match?.[1]) folders.add(match[1])
        }
      }
      const sections = [...folders]
        .map((folder) => section(folder))
        .sort((a, b) => a.name.localeCompare(b.name))
      const seen = new Set<string>()
      const text = sections
        .filter((item) => {
          const key = `${item.name}@${item.version}`
          return !seen.has(key) && Boolean(seen.add(key))
        })
        .map((item) => `## ${item.name}@${item.version} (${item.license})\n\n${item.text}\n`)
        .join('\n')
      this.emitFile({
        type: 'asset',
        fileName,
        source: `# Licences of the bundled packages\n\nThis command carries copies of these packages.\n\n${text}`
      })
    }
  }
}

function section(folder: string) {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    name: string
    version: string
    license?: string
  }
  const file = readdirSync(folder).find((name) => /^licen[cs]e(\.(md|txt))?$/i.test(name))
  const text = file
    ? readFileSync(path.join(folder, file), 'utf8').trim()
    : `(No licence file; \`package.json\` says ${manifest.license ?? 'nothing'}.)`
  return {
    name: manifest.name,
    version: manifest.version,
    license: manifest.license ?? 'unknown',
    text
  }
}
