export { galley as default, type IntegrationOptions } from './integration.js'
export { galleyLoader, type LoaderOptions } from './loader.js'
export { galleyMarkdownRenderer, type MarkdownRenderer } from './renderer.js'
