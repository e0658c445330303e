import { defineConfig, type UserConfig } from 'tsdown'
import { base } from '../../tsdown.base.ts'
import { licenses } from './scripts/licenses.ts'
import { neverBundle, runtimeEntries } from './src/runtime.ts'

// The command is bundled with the packages it runs (Galley's own and their
// dependencies, a few hundred modules): Node 20 takes 450–600 ms to resolve
// and link them one file at a time, and about 90 ms to load them as a few
// chunks. The render worker is its own entry (tinypool starts it by file
// name); so is each package a site's config may import, so that the config
// gets the same copy the command runs (`runtimeAliases`).
// No source maps: they would carry every bundled dependency's source (about
// 3 MB); the tarball ships the bundle alone, without `src/`.
const bundle: UserConfig = {
  ...base,
  sourcemap: false,
  dts: false,
  entry: {
    index: 'src/index.ts',
    worker: 'src/worker.ts',
    ...Object.fromEntries(
      Object.values(runtimeEntries).map((entry) => [entry, `src/runtime/${entry}.ts`])
    )
  },
  deps: { alwaysBundle: [/./], neverBundle: [...neverBundle], onlyBundle: false },
  // ESM first: a package's UMD `main` (jsonc-parser's) requires its parts by
  // computed names that no bundler can follow.
  inputOptions: { resolve: { mainFields: ['module', 'main'] } },
  plugins: [licenses('LICENSES.md')]
}

// The declarations of the public entry, apart, so they name Galley's
// packages rather than carry copies of their types.
const types: UserConfig = { ...base, sourcemap: false, clean: false, dts: { emitDtsOnly: true } }

const config: UserConfig[] = defineConfig([bundle, types])

export default config
