// The command's own copy of hastscript's JSX runtime, for a site's `.tsx`
// and `.jsx` layouts (see `../runtime.ts`).
export * from 'hastscript/jsx-runtime'
