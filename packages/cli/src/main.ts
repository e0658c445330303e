import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { commandHelp, help } from './help.js'
import { type Io, toContext } from './io.js'

/**
 * Run the `galley` command.
 *
 * @param argv
 *   Arguments, without `node` and the script (`process.argv.slice(2)`).
 * @param io
 *   Streams and folder (optional; default: the process's).
 * @returns
 *   Exit code.
 */
export async function main(argv: ReadonlyArray<string>, io?: Io): Promise<number> {
  const context = toContext(io)
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    context.stderr.write(
      `galley: ${argumentError(error as Error)}; run \`galley --help\` for the options\n`
    )
    return 1
  }

  const { values, positionals } = parsed
  if (values.version) {
    context.stdout.write(`galley ${await version()}\n`)
    return 0
  }
  const [command, ...rest] = positionals
  if (values.help && command && commandHelp[command]) {
    context.stdout.write(commandHelp[command] as string)
    return 0
  }
  if (values.help || !command) {
    ;(values.help ? context.stdout : context.stderr).write(help)
    return values.help ? 0 : 1
  }
  const allowed = command === 'new' ? 2 : ['build', 'check', 'dev'].includes(command) ? 1 : 0
  if (rest.length > allowed) {
    context.stderr.write(`galley: unexpected argument \`${rest[allowed]}\`\n\n${help}`)
    return 1
  }

  try {
    switch (command) {
      case 'build':
      case 'check':
        if (values.format && !['json', 'sarif', 'text'].includes(values.format)) {
          context.stderr.write(
            `galley: expected \`--format\` to be \`text\`, \`json\` or \`sarif\`, not \`${values.format}\`\n`
          )
          return 1
        }
        {
          const workers = values.workers === undefined ? 'auto' : Number(values.workers)
          if (workers !== 'auto' && !(Number.isInteger(workers) && workers >= 1)) {
            context.stderr.write(
              `galley: expected \`--workers\` to be a whole number from 1, not \`${values.workers}\`\n`
            )
            return 1
          }
          const timeout =
            values['render-timeout'] === undefined ? undefined : Number(values['render-timeout'])
          if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
            context.stderr.write(
              `galley: expected \`--render-timeout\` to be a number of seconds above 0, not \`${values['render-timeout']}\`\n`
            )
            return 1
          }
          // Each command is loaded when run: a build with nothing to do
          // never loads the dev server, nor the Markdown pipeline.
          const { build } = await import('./commands/build.js')
          return await build(
            context,
            {
              ...values,
              workers,
              renderTimeout: timeout,
              format: values.json ? 'json' : values.format,
              dir: rest[0]
            },
            command === 'build'
          )
        }
      case 'new': {
        const [kind, title] = rest
        if (kind !== 'post' || !title) {
          context.stderr.write(`galley: expected \`galley new post "Title"\`\n\n${help}`)
          return 1
        }
        const { newPost } = await import('./commands/new.js')
        return await newPost(context, title, values)
      }
      case 'dev':
      case 'preview': {
        const port = values.port === undefined ? undefined : Number(values.port)
        if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
          context.stderr.write(
            `galley: expected \`--port\` to be a port number, not \`${values.port}\`\n`
          )
          return 1
        }
        if (command === 'dev') {
          const { dev } = await import('./commands/dev.js')
          return await dev(context, {
            config: values.config,
            port,
            host: values.host,
            dir: rest[0]
          })
        }
        const { preview } = await import('./commands/preview.js')
        return await preview(context, {
          config: values.config,
          out: values.out,
          port,
          host: values.host
        })
      }
      default:
        context.stderr.write(`galley: unknown command \`${command}\`\n\n${help}`)
        return 1
    }
  } catch (error) {
    context.stderr.write(`galley: ${(error as Error).message}\n`)
    return 1
  }
}

function parse(argv: ReadonlyArray<string>) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      out: { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      expired: { type: 'boolean' },
      frail: { type: 'boolean' },
      fresh: { type: 'boolean' },
      force: { type: 'boolean' },
      verbose: { type: 'boolean' },
      workers: { type: 'string' },
      'render-timeout': { type: 'string' },
      external: { type: 'boolean' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' }
    }
  })
}

/** Node's words for a bad argument, shorter: `unknown option \`--x\``. */
function argumentError(error: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(error.message)
  if (unknown) return `unknown option \`${unknown[1]}\``
  const missing = /^Option '(-[^' ]+)[^']*' argument missing/.exec(error.message)
  if (missing) return `expected a value after \`${missing[1]}\``
  return error.message.replace(/\.$/, '')
}

/** The version of `@galley/cli`, from its `package.json`. */
async function version(): Promise<string> {
  // `src/main.ts` and the bundled `dist/index.js` are both one folder down.
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}
