export { galley as default, type IntegrationOptions } from './integration.js'
export { galleyLoader, type LoaderOptions } from './loader.js'
export {
  type AstroHeading,
  galleyMarkdownRenderer,
  type MarkdownRenderer,
  type RendererOptions
} from './renderer.js'
