import { VFile } from 'vfile'

/** A post with Hugo-style front matter. */
export function post(path: string, front: string, body = '# Hello\n'): VFile {
  return new VFile({ path, value: `---\n${front}\n---\n\n${body}` })
}
