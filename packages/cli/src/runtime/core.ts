// The command's own copy of `@galley/core`, for a site's config (see `../runtime.ts`).
export * from '@galley/core'
