import path from 'node:path'
import { fileURLToPath } from 'node:url'
import galley from '@galley/unplugin/webpack'
import webpack from 'webpack'
import { galleyOptions } from '../shared-content/galley.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const out = process.argv.includes('--out')
  ? path.resolve(process.argv[process.argv.indexOf('--out') + 1])
  : path.join(here, 'dist')
const compiler = webpack({
  mode: 'production',
  context: here,
  entry: './src/index.js',
  output: { path: out, filename: 'index.js', library: { type: 'module' } },
  experiments: { outputModule: true },
  optimization: { minimize: false },
  plugins: [galley(galleyOptions)]
})

const report = (error, stats) => {
  if (error) throw error
  console.log(stats.toString({ colors: process.stdout.isTTY, modules: false }))
  if (stats.hasErrors()) process.exitCode = 1
}

if (process.argv.includes('--watch')) compiler.watch({}, report)
else compiler.run((error, stats) => compiler.close(() => report(error, stats)))
