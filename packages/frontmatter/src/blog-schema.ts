import type { StandardSchemaV1 } from '@standard-schema/spec'
import { parseDate } from './date.js'

/** Front matter of a blog post, as `blogSchema` outputs it. */
export interface BlogFrontmatter {
  /** Title of the post (required, not empty). */
  title: string
  /** Publication date (required); date-only values are midnight UTC. */
  date: Date
  /** Date of the last real change, if any. */
  updated?: Date | undefined
  /** Tags, trimmed and without duplicates (default: `[]`). */
  tags: string[]
  /** Whether the post is a draft (default: `false`). */
  draft: boolean
  /** One-sentence description for feeds and `<meta>`. */
  description?: string | undefined
}

type Issues = StandardSchemaV1.Issue[]

/**
 * A complete front-matter schema for blog posts, in Hugo's shape:
 * `title`, `date: "2018-04-23"`, `tags: [ fedora, atomic ]`, `draft: false`,
 * plus optional `updated` and `description`. It is a Standard Schema, so it
 * can be used wherever Zod, Valibot or ArkType schemas are. Every problem is
 * reported, not only the first.
 */
export const blogSchema: StandardSchemaV1<unknown, BlogFrontmatter> = {
  '~standard': {
    version: 1,
    vendor: 'galley',
    validate(value: unknown): StandardSchemaV1.Result<BlogFrontmatter> {
      const issues: Issues = []
      const data: Record<string, unknown> =
        value && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : {}
      if (data !== value) {
        issues.push({ message: 'Expected front matter to be a mapping of keys to values' })
      }

      const title = data.title
      if (typeof title !== 'string' || title.trim() === '') {
        issues.push({ message: 'Expected a non-empty string', path: ['title'] })
      }

      const date = readDate(data, 'date', true, issues)
      const updated = readDate(data, 'updated', false, issues)
      const tags = readTags(data.tags, issues)

      const draft = data.draft ?? false
      if (typeof draft !== 'boolean') {
        issues.push({ message: 'Expected `true` or `false`', path: ['draft'] })
      }

      const description = data.description
      if (description !== undefined && description !== null && typeof description !== 'string') {
        issues.push({ message: 'Expected a string', path: ['description'] })
      }

      if (issues.length > 0 || !date || typeof title !== 'string') return { issues }

      const output: BlogFrontmatter = { title: title.trim(), date, tags, draft: draft === true }
      if (updated) output.updated = updated
      if (typeof description === 'string') output.description = description
      return { value: output }
    }
  }
}

function readDate(
  data: Record<string, unknown>,
  key: string,
  required: boolean,
  issues: Issues
): Date | undefined {
  const value = data[key]
  if (value === undefined || value === null) {
    if (required) issues.push({ message: 'Expected a date such as `2018-04-23`', path: [key] })
    return undefined
  }
  const date = parseDate(value)
  if (!date) {
    issues.push({
      message: 'Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      path: [key]
    })
  }
  return date
}

function readTags(value: unknown, issues: Issues): string[] {
  if (value === undefined || value === null) return []
  const list: unknown[] = Array.isArray(value) ? value : [value]
  const tags: string[] = []
  list.forEach((item, index) => {
    if (typeof item !== 'string') {
      issues.push({
        message: 'Expected a tag name (a string)',
        path: Array.isArray(value) ? ['tags', index] : ['tags']
      })
      return
    }
    const tag = item.trim()
    if (tag && !tags.includes(tag)) tags.push(tag)
  })
  return tags
}
