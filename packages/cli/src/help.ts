/** `galley --help`. */
export const help = `Usage: galley <command> [options]

Commands:
  build [dir]        validate, render and link-check every post, then write the site
  check [dir]        the same checks, writing nothing
  dev [dir]          build in memory with drafts, serve, rebuild on change, reload the browser
  preview            serve the built site (default: http://localhost:4321/)
  new post <title>   write a draft post with valid front matter

Without a config file, build and check work on any folder of Markdown
(default: content) with the blog schema and URLs from file paths.

Run \`galley <command> --help\` for the options of a command;
\`galley --version\` prints the version.
`

const shared = `  --config <file>  configuration file (default: galley.config.{ts,mts,js,mjs})
`
const publishing = `  --drafts         publish posts with \`draft: true\`
  --future         publish posts whose publishDate is still to come
  --expired        publish posts whose expiryDate has passed
`
const checking = `  --frail          exit 1 on warnings too
  --fresh          render every post again, ignoring .cache/galley/render
  --workers <n>    render in n worker threads; 1 renders on the main thread
                   (default: one per core when 100 or more files need rendering)
  --render-timeout <s>
                   give up on one file after s seconds (a worker is stopped
                   and replaced) and report the file (default: 60)
  --external       also check links to other sites, over the network, with a cache
                   in .cache/galley/links.json
  --format <name>  text (on stderr, the default), json or sarif (on stdout)
  --json           the same as --format json
  --verbose        list every message; by default, past 100 messages, a warning
                   repeated 5 times or more with the same words prints once
                   with its count and first place
`
const serving = `  --port <n>       port (default: 4321; 0 picks a free one)
  --host <name>    host (default: localhost)
`

/** `galley <command> --help`, by command. */
export const commandHelp: Readonly<Record<string, string>> = {
  build: `Usage: galley build [dir] [options]

Validate, render and link-check every post, then write the site into the
output folder, atomically: nothing is written while any file has an error,
and stopped (Ctrl+C), the folder holds the last complete site.

Options:
${shared}  --out <dir>      output folder (default: the config's outDir, else dist); it is
                   replaced whole, so it may not be the site's folder, content,
                   public/ or hold them
  --force          replace the output folder even if it holds files Galley did
                   not write (as the config's emptyOutDir: true)
${publishing}${checking}`,
  check: `Usage: galley check [dir] [options]

The checks of \`galley build\`, writing nothing. Exits 1 on any error (and
with --frail on any warning).

Options:
${shared}${publishing}${checking}`,
  dev: `Usage: galley dev [dir] [options]

Build in memory with drafts and scheduled posts, serve, watch the content,
public/ and the config, rebuild on change and reload the browser. Errors
show in the terminal and on the page.

Options:
${shared}${serving}`,
  preview: `Usage: galley preview [options]

Serve the built site; missing pages get 404.html with status 404.

Options:
  --out <dir>      folder to serve (default: dist)
${serving}`,
  new: `Usage: galley new post <title> [options]

Write <contentDir>/<slug>.md: a draft with valid front matter and today's
date in the site's time zone. Never overwrites a file.

Options:
${shared}`
}
