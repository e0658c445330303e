import { defineConfig, type UserConfig } from 'tsdown'

/**
 * The one build configuration every package uses: ESM, Node, declarations
 * written by tsdown (fast and local, since `isolatedDeclarations` is on).
 */
export const base: UserConfig = defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'node',
  // Source maps for the code and the declarations, so debuggers and
  // go-to-definition land in the `src/` the tarball ships.
  sourcemap: true,
  dts: { sourcemap: true },
  // `.js` and `.d.ts`, as the exports maps say (the packages are `type: module`).
  fixedExtension: false,
  // Keep the exports map as written (the `galley-source` condition comes first).
  exports: false
})
