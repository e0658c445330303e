export { type HeadInput, headOf, scriptJson } from './head.js'
export type { Author, NavLink, ThemeOptions } from './options.js'
export { stylesheet } from './styles.js'
export { type Theme, theme } from './theme.js'
