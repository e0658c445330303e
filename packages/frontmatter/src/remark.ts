import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { parseFrontmatter } from './parse.js'
import { afterBlankLines, findFrontmatter } from './split.js'
import { getParsed } from './state.js'
import { isValidated, type ValidateOptions, validateFrontmatter } from './validate.js'

/** Configuration for `remarkGalleyFrontmatter`. */
export interface Options extends ValidateOptions {
  /**
   * Schema to validate the front matter with: any Standard Schema, such as
   * Zod 4, Valibot 1, ArkType 2 or `blogSchema` (default: none, the data is
   * parsed but not validated).
   */
  schema?: StandardSchemaV1 | null | undefined
}

const emptyOptions: Readonly<Options> = {}

/**
 * Parse (and, with a `schema`, validate) front matter inside a unified
 * pipeline, putting the data on `file.data.matter` (and the validated value
 * on `file.data.galleyFrontmatter`). Use it after `remark-frontmatter`,
 * which handles the syntax of the tree (pass it `frontmatterMatters` for
 * YAML, TOML and `---json`); a bare JSON object at the top, which
 * remark-frontmatter cannot express, is removed from the tree here.
 *
 * A file that `validateFrontmatter` already validated with the same
 * `schema` and `unknownKeys` (or that `markValidated` marks so) is neither
 * parsed nor validated again: its data and messages are kept as they are.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export function remarkGalleyFrontmatter(
  options?: Readonly<Options> | null
): (tree: Root, file: VFile) => Promise<undefined> {
  const settings = options || emptyOptions
  const schema = settings.schema
  return async (tree, file) => {
    // Validated already with this schema and policy: the data and the
    // messages are on the file (or on the copy that reports them).
    const done = schema !== null && schema !== undefined && isValidated(file, schema, settings)
    if (!done) parseFrontmatter(file)
    const block = done
      ? (getParsed(file)?.block ?? findFrontmatter(String(file.value ?? '')))
      : getParsed(file)?.block
    const text = String(file.value ?? '')
    if (block && block.format !== 'json' && afterBlankLines(text, block)) {
      // After blank lines, remark-frontmatter sees no front matter: the
      // fences and the data were parsed as Markdown. Drop what they made.
      tree.children = tree.children.filter(
        (node) => (node.position?.start.offset ?? Number.POSITIVE_INFINITY) >= block.end
      )
    }
    if (block?.format === 'json') {
      // mdast-util-to-hast ignores `yaml` and `toml` nodes but would print a
      // `json` one as text; and remark-frontmatter has no syntax for a bare
      // object, which remark parsed as Markdown. Drop both from the tree.
      tree.children = tree.children.filter(
        (node) =>
          (node.position?.end.offset ?? Number.POSITIVE_INFINITY) > block.end &&
          String(node.type) !== 'json'
      )
    }
    if (schema && !done) await validateFrontmatter(file, schema, settings)
    return undefined
  }
}
