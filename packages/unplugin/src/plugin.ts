import { createGalley, type GalleyConfig } from '@galley/core'
import { createUnplugin, type UnpluginInstance } from 'unplugin'
import { VFile } from 'vfile'
import { toLog } from './messages.js'
import { toJs } from './module.js'

/** Configuration for the plugin: a Galley configuration, plus which files to take. */
export interface Options extends GalleyConfig {
  /** Pattern of module ids to handle (default: `/\.md$/`). */
  include?: RegExp | null | undefined
}

/**
 * The Galley plugin for every bundler unplugin supports. Importing a `.md`
 * file gives a module with `frontmatter` (validated by the configured
 * schema), `html`, `headings` and `url` (also as the default export).
 * Galley's warnings become the bundler's warnings, and a fatal problem (such
 * as invalid front matter) fails the build, with file, line and column.
 */
export const unplugin: UnpluginInstance<Options, false> = createUnplugin<Options, false>(
  (options) => {
    const galley = createGalley({ ...options, links: false, feed: false })
    const include = options.include ?? /\.md$/

    return {
      name: 'galley',
      enforce: 'pre',
      transform: {
        filter: { id: include },
        async handler(code, id) {
          if (!include.test(id)) return undefined
          const file = new VFile({ path: id, value: code })
          const page = await galley.processFile(file)

          for (const message of file.messages) {
            if (!message.fatal) this.warn(toLog(message, id))
          }
          const fatal = file.messages.filter((message) => message.fatal)
          if (!page || fatal.length > 0) {
            const [first] = fatal
            const log = first ? toLog(first, id) : { message: `Cannot render \`${id}\``, id }
            if (fatal.length > 1) {
              log.message = `${log.message} (and ${fatal.length - 1} more: ${fatal
                .slice(1)
                .map((message) => `${message.line}:${message.column} ${message.reason}`)
                .join('; ')})`
            }
            this.error(log)
            return undefined
          }

          return {
            code: [
              `export const frontmatter = ${toJs(page.data)}`,
              `export const html = ${JSON.stringify(page.html)}`,
              `export const headings = ${toJs(page.headings)}`,
              `export const url = ${JSON.stringify(page.url)}`,
              'export default { frontmatter, html, headings, url }',
              ''
            ].join('\n'),
            map: null
          }
        }
      }
    }
  }
)
