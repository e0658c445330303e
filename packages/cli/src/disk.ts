import path from 'node:path'

/** What each file-system fault means to a person, and what to do. */
const faults: Readonly<Record<string, { what: string; fix: string }>> = {
  ENOSPC: { what: 'the disk is full', fix: 'free some space and build again' },
  EDQUOT: { what: 'the disk quota is used up', fix: 'free some space and build again' },
  EROFS: {
    what: 'the disk is read-only',
    fix: 'build into a folder on a disk that can be written (`--out`)'
  },
  EACCES: {
    what: 'permission to write there is denied',
    fix: 'make the folder writable for this user, or build elsewhere (`--out`)'
  },
  EPERM: {
    what: 'the system does not permit the write',
    fix: 'make the folder writable for this user, or build elsewhere (`--out`)'
  },
  EIO: { what: 'the disk reported an I/O error', fix: 'check the disk and build again' },
  EMFILE: { what: 'too many files are open', fix: 'raise the limit (`ulimit -n`) and build again' }
}

/**
 * The line `galley build` prints when writing the site failed on the file
 * system (a full or read-only disk), or `undefined` for any other error.
 * A build writes into a staged folder and commits only when it is all
 * written, so the output folder still holds the last complete build.
 *
 * @param error
 *   What `writeSite` threw.
 * @param outDir
 *   The output folder, as the person gave it.
 * @param cwd
 *   The folder paths are shown relative to.
 */
export function diskFault(error: unknown, outDir: string, cwd: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const fault = code ? faults[code] : undefined
  if (!fault) return undefined
  const where = (error as NodeJS.ErrnoException).path
  const at = where ? `, at \`${path.relative(cwd, where) || '.'}\`` : ''
  return `galley: cannot write the site into \`${outDir}\`: ${fault.what} (${code}${at}); \`${outDir}\` holds the last complete build; ${fault.fix}`
}
