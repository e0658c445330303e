// The command's own copy of `@galley/markdown`, for a site's config (see `../runtime.ts`).
export * from '@galley/markdown'
