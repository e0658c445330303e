// The command's own copy of `@galley/core/node`, for a site's config (see `../runtime.ts`).
export * from '@galley/core/node'
