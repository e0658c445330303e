// The command's own copy of `@galley/theme`, for a site's config (see `../runtime.ts`).
export * from '@galley/theme'
