import galley from '@galley/unplugin/esbuild'
import { build, context } from 'esbuild'
import { galleyOptions } from '../shared-content/galley.js'

const out = process.argv.includes('--out')
  ? process.argv[process.argv.indexOf('--out') + 1]
  : 'dist'
const options = {
  entryPoints: ['src/index.js'],
  bundle: true,
  format: 'esm',
  outdir: out,
  logLevel: 'info',
  plugins: [galley(galleyOptions)]
}

if (process.argv.includes('--watch')) {
  await (await context(options)).watch()
} else {
  await build(options)
}
