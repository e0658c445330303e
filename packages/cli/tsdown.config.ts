import { defineConfig, type UserConfig } from 'tsdown'
import { base } from '../../tsdown.base.ts'

// The render worker is its own entry: tinypool starts it by file name.
const config: UserConfig = defineConfig({
  ...base,
  entry: { index: 'src/index.ts', worker: 'src/worker.ts' }
})

export default config
