import { readFile } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'
import type { OutputFile } from '../output.js'
import { walkFolder } from './walk.js'

/**
 * Read every file of a folder (such as `public/`) as an asset to copy into
 * the site at the same path. A missing folder has no assets.
 *
 * Nothing outside the folder is ever copied into the site people deploy:
 * a symbolic link whose real path leaves the folder (`public/etc -> /etc`,
 * `public/pw.txt -> /etc/passwd`), and a FIFO, socket or device, make this
 * throw before anything is read, naming each one. Links that stay inside
 * the folder are copied as the files they point to. Copies are new files,
 * with the usual permissions, whatever the source's were.
 *
 * @param dir
 *   Folder.
 * @param options
 *   `exclude`: glob patterns (relative to `dir`) of files not to copy;
 *   `skip`: absolute paths of folders to leave out (the output folder,
 *   when it is inside) (optional).
 * @returns
 *   Assets, sorted by path.
 */
export async function loadAssets(
  dir: string,
  options?: Readonly<AssetOptions> | null
): Promise<OutputFile[]> {
  const walked = await walkAssets(dir, options)
  if (walked.refused.length > 0) {
    const shown = walked.refused
      .map((entry) => `\`${path.join(dir, entry.relative)}\` (${entry.reason})`)
      .join(', ')
    throw new Error(
      `Refusing to copy ${shown} into the site; copy the files in instead of linking to them, or remove ${walked.refused.length === 1 ? 'it' : 'them'}`
    )
  }
  return Promise.all(
    walked.files.map(async ({ relative, absolute }) => ({
      path: relative,
      value: await readFile(absolute)
    }))
  )
}

/** What `loadAssets` and `listAssets` leave out, and take. */
export interface AssetOptions {
  /** Glob patterns (relative to the folder) of files not to copy. */
  exclude?: ReadonlyArray<string> | null | undefined
  /** Absolute paths of folders to leave out (the output folder, when it is inside). */
  skip?: ReadonlyArray<string> | null | undefined
}

/**
 * The URL paths of the files of `public/` (`/images/logo.png`), walked as
 * `loadAssets` walks it, and the bytes of those `read` takes (its images,
 * for their sizes), in one walk: what a host that copies the folder itself
 * publishes, for the link checker.
 *
 * @param dir
 *   Folder (absolute).
 * @param options
 *   As `loadAssets`.
 * @param read
 *   The files to read, by name (default: none).
 * @returns
 *   URL paths, and the files read.
 */
export async function listAssets(
  dir: string,
  options?: Readonly<AssetOptions> | null,
  read?: RegExp | undefined
): Promise<{ urls: string[]; files: OutputFile[] }> {
  const walked = await walkAssets(dir, options)
  const taken = read ? walked.files.filter(({ relative }) => read.test(relative)) : []
  return {
    urls: walked.files.map(({ relative }) => `/${relative}`),
    files: await Promise.all(
      taken.map(async ({ relative, absolute }) => ({
        path: relative,
        value: await readFile(absolute)
      }))
    )
  }
}

function walkAssets(
  dir: string,
  options?: Readonly<AssetOptions> | null
): ReturnType<typeof walkFolder> {
  const exclude = options?.exclude ?? []
  const left = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false
  return walkFolder(dir, (relative) => !left(relative), options?.skip ?? undefined)
}
