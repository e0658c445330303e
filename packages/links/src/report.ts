import type { VFile } from 'vfile'

/** One message, flattened for JSON. */
export interface JsonMessage {
  file: string
  line: number | undefined
  column: number | undefined
  endLine: number | undefined
  endColumn: number | undefined
  severity: 'error' | 'info' | 'warning'
  ruleId: string | undefined
  source: string | undefined
  reason: string
}

/**
 * Every message of `files` as plain JSON data, in file order.
 *
 * @param files
 *   Files.
 * @returns
 *   Messages.
 */
export function toJsonReport(files: ReadonlyArray<VFile>): JsonMessage[] {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.path ?? '',
      line: message.place && 'start' in message.place ? message.place.start.line : message.line,
      column:
        message.place && 'start' in message.place ? message.place.start.column : message.column,
      endLine: message.place && 'end' in message.place ? message.place.end.line : undefined,
      endColumn: message.place && 'end' in message.place ? message.place.end.column : undefined,
      severity: message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info',
      ruleId: message.ruleId,
      source: message.source,
      reason: message.reason
    }))
  )
}

/**
 * Every message of `files` as SARIF 2.1.0, for code-scanning UIs (GitHub,
 * GitLab, VS Code's SARIF viewer), with Markdown line:column.
 *
 * @param files
 *   Files.
 * @returns
 *   SARIF log.
 */
export function toSarif(files: ReadonlyArray<VFile>): Record<string, unknown> {
  const messages = toJsonReport(files)
  const rules = [
    ...new Set(messages.map((message) => `${message.source}:${message.ruleId}`))
  ].sort()
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'galley',
            informationUri: 'https://github.com/galley',
            rules: rules.map((id) => ({ id, shortDescription: { text: id } }))
          }
        },
        results: messages.map((message) => ({
          ruleId: `${message.source}:${message.ruleId}`,
          level:
            message.severity === 'error'
              ? 'error'
              : message.severity === 'warning'
                ? 'warning'
                : 'note',
          message: { text: message.reason },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: message.file.replace(/\\/g, '/') },
                region: {
                  startLine: message.line ?? 1,
                  startColumn: message.column ?? 1,
                  ...(message.endLine
                    ? { endLine: message.endLine, endColumn: message.endColumn }
                    : {})
                }
              }
            }
          ]
        }))
      }
    ]
  }
}
