import { unplugin } from './plugin.js'

const plugin: typeof unplugin.rolldown = unplugin.rolldown

export default plugin
