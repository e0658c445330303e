import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { GalleyConfig } from '@galley/core'
import { parseData } from '@galley/frontmatter'
import { VFile } from 'vfile'

/** Hugo's site config files, in the order Hugo looks for them. */
const files: ReadonlyArray<{ name: string; format: 'json' | 'toml' | 'yaml' }> = [
  { name: 'hugo.toml', format: 'toml' },
  { name: 'hugo.yaml', format: 'yaml' },
  { name: 'hugo.yml', format: 'yaml' },
  { name: 'hugo.json', format: 'json' },
  { name: 'config.toml', format: 'toml' },
  { name: 'config.yaml', format: 'yaml' },
  { name: 'config.yml', format: 'yaml' },
  { name: 'config.json', format: 'json' }
]

/**
 * What a Hugo site's own config says of the site, for `galley build`
 * without a Galley config: `title`, `baseURL` (when an absolute `http(s)`
 * URL), `languageCode`, `timeZone`, `paginate` and `enableGitInfo` (as
 * `gitDates`), and `static/` as the
 * folder of files to copy (Hugo's `public/` is the site it built). A `config.*` file counts
 * only when it has a `baseURL` (another tool may own that name); a file
 * that cannot be read or parsed gives nothing, and so does a value of the
 * wrong type (Galley's own defaults stay).
 *
 * @param cwd
 *   Folder of the site.
 * @returns
 *   Settings to put over the defaults.
 */
export function hugoSettings(cwd: string): Partial<GalleyConfig> {
  for (const { name, format } of files) {
    let text: string
    try {
      text = readFileSync(path.join(cwd, name), 'utf8')
    } catch {
      continue
    }
    const file = new VFile({ path: name, value: text })
    const data = parseData(file, format)
    const own = (key: string) => (Object.hasOwn(data, key) ? data[key] : undefined)
    const base = own('baseURL') ?? own('baseurl')
    if (name.startsWith('config.') && base === undefined) continue
    // Hugo's static files are in `static/`; its `public/` is what it built.
    const settings: Partial<GalleyConfig> = { publicDir: 'static' }
    if (typeof base === 'string' && /^https?:\/\//i.test(base) && URL.canParse(base)) {
      settings.site = base
    }
    const title = own('title')
    if (typeof title === 'string' && title.trim() !== '') settings.title = title.trim()
    const language = own('languageCode') ?? own('languagecode')
    if (typeof language === 'string' && language !== '') settings.language = language
    const zone = own('timeZone') ?? own('timezone')
    if (typeof zone === 'string' && knownZone(zone)) settings.timeZone = zone
    // Hugo's `enableGitInfo`: last-modified dates from git.
    const git = own('enableGitInfo') ?? own('enablegitinfo')
    if (git === true) settings.gitDates = true
    const paginate = own('paginate')
    if (typeof paginate === 'number' && Number.isInteger(paginate) && paginate > 0) {
      settings.paginate = paginate
    }
    return settings
  }
  return {}
}

/** Whether `Intl` knows the IANA time zone `zone`. */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
