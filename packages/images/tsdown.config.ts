import { defineConfig, type UserConfig } from 'tsdown'
import { base } from '../../tsdown.base.ts'

const config: UserConfig = defineConfig({
  ...base,
  entry: { index: 'src/index.ts', node: 'src/node.ts' }
})

export default config
