import galley from '@galley/unplugin/rollup'
import { galleyOptions } from '../shared-content/galley.js'

export default {
  input: 'src/index.js',
  output: { dir: 'dist', format: 'es' },
  plugins: [galley(galleyOptions)]
}
