/** Where the CLI reads and writes; injectable so tests need no process. */
export interface Io {
  /** Folder to work in (default: `process.cwd()`). */
  cwd?: string | undefined
  /** Stream for results (default: `process.stdout`). */
  stdout?: NodeJS.WritableStream | undefined
  /** Stream for messages and errors (default: `process.stderr`). */
  stderr?: NodeJS.WritableStream | undefined
  /** Stops long-running commands (`preview`) when aborted (default: Ctrl+C). */
  signal?: AbortSignal | undefined
  /** The current time, for `new post` dates and publishing rules (default: the clock). */
  now?: Date | undefined
  /**
   * Columns to wrap messages at (default: the terminal's width when
   * standard error is one, else `COLUMNS`, else none).
   */
  columns?: number | undefined
}

/** `Io` with every default applied. */
export interface Context {
  cwd: string
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  signal: AbortSignal | undefined
  now: Date
  /** Whether to print in color: on a terminal, and never with `NO_COLOR`. */
  color: boolean
  /** Columns to wrap messages at, if any. */
  columns: number | undefined
}

export function toContext(io: Io | undefined): Context {
  const stderr = io?.stderr ?? process.stderr
  const terminal = 'isTTY' in stderr && stderr.isTTY === true
  const columns =
    io?.columns ??
    (terminal && 'columns' in stderr && typeof stderr.columns === 'number'
      ? stderr.columns
      : Number.parseInt(process.env.COLUMNS ?? '', 10) || undefined)
  return {
    cwd: io?.cwd ?? process.cwd(),
    stdout: io?.stdout ?? process.stdout,
    stderr,
    signal: io?.signal,
    now: io?.now ?? new Date(),
    color: terminal && !process.env.NO_COLOR,
    columns
  }
}
