import { VFile } from 'vfile'
import type { OutputFile } from './output.js'
import { placeOf } from './place.js'
import { source } from './source.js'

/** Who made an output file: an entry (and which of its keys), or a part of the site. */
export interface Origin {
  /** How messages name it, such as `content/a.md`, `the alias \`/old/\` of content/a.md` or `the sitemap`. */
  label: string
  /** The content file it came from, if any: messages go there. */
  file?: VFile | undefined
  /** Front-matter path of the value that made it (`['aliases', 0]`), if any. */
  key?: ReadonlyArray<number | string> | undefined
  /** Path of a file that is copied as it is (`public/logo.png`), if it is one. */
  path?: string | undefined
}

const origins = new WeakMap<OutputFile, Origin>()

/**
 * Note who made an output file, for `refuseCollisions`.
 *
 * @returns
 *   The same file.
 */
export function madeBy<F extends OutputFile>(output: F, origin: Origin): F {
  origins.set(output, origin)
  return output
}

/**
 * Refuse two outputs at one path (a page and an alias, a page at
 * `/rss.xml` and the feed, a `public/` file and a page): the first keeps
 * the path, and each later one is dropped with a fatal `output-collision`
 * message naming both. The message goes on the content file that made the
 * later output (at the alias when an alias did), else on the earlier one's,
 * else on the copied file (`public/…`), else on one named after the path.
 *
 * @param outputs
 *   Every file of the build, in order.
 * @param files
 *   Files of the build: new files with messages are added.
 * @returns
 *   Outputs, one per path.
 */
export function refuseCollisions(outputs: ReadonlyArray<OutputFile>, files: VFile[]): OutputFile[] {
  const taken = new Map<string, OutputFile>()
  const kept: OutputFile[] = []
  for (const output of outputs) {
    // Case and `.` segments do not make another file on every disk
    // (`toOutputPath` has already resolved `..`).
    const key = (
      dotSegment.test(output.path)
        ? output.path
            .split('/')
            .filter((segment) => segment !== '.')
            .join('/')
        : output.path
    ).toLowerCase()
    const first = taken.get(key)
    if (!first) {
      taken.set(key, output)
      kept.push(output)
      continue
    }
    const earlier = origins.get(first) ?? { label: `\`${first.path}\`` }
    const later = origins.get(output) ?? { label: `\`${output.path}\`` }
    // The message goes to the content file that made one of the two, the later first.
    const owner = later.file ? later : earlier.file ? earlier : undefined
    const target = owner?.file ?? fileFor(later.path ?? earlier.path ?? output.path, files)
    const message = target.message(
      `Unexpected second output at \`${output.path}\`: ${later.label} and ${earlier.label} both write it; change a permalink, slug or alias, or rename the file, so each has its own path`,
      {
        place: (owner?.key && placeOf(target, owner.key)) || { line: 1, column: 1 },
        ruleId: 'output-collision',
        source
      }
    )
    message.fatal = true
  }
  return kept
}

/** A `.` segment, which names no folder. */
const dotSegment = /(?:^|\/)\.(?:\/|$)/

function fileFor(path: string, files: VFile[]): VFile {
  let file = files.find((candidate) => candidate.path === path)
  if (!file) {
    file = new VFile({ path })
    files.push(file)
  }
  return file
}
