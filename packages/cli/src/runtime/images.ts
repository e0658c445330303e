// The command's own copy of `@galley/images`, for a site's config (see `../runtime.ts`).
export * from '@galley/images'
