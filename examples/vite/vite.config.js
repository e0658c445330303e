import galley from '@galley/unplugin/vite'
import { defineConfig } from 'vite'
import { galleyOptions } from '../shared-content/galley.js'

export default defineConfig({ plugins: [galley(galleyOptions)] })
