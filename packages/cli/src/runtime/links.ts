// The command's own copy of `@galley/links`, for a site's config (see `../runtime.ts`).
export * from '@galley/links'
