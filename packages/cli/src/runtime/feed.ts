// The command's own copy of `@galley/feed`, for a site's config (see `../runtime.ts`).
export * from '@galley/feed'
