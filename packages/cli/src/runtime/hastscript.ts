// The command's own copy of `hastscript`, for a site's layouts (see `../runtime.ts`).
export * from 'hastscript'
