// The command's own copy of `@galley/frontmatter`, for a site's config (see `../runtime.ts`).
export * from '@galley/frontmatter'
