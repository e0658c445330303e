import { defineConfig, type UserConfig } from 'tsdown'
import { base } from '../../tsdown.base.ts'

const config: UserConfig = defineConfig({
  ...base,
  entry: [
    'src/index.ts',
    'src/vite.ts',
    'src/rollup.ts',
    'src/rolldown.ts',
    'src/esbuild.ts',
    'src/webpack.ts'
  ]
})

export default config
