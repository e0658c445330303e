// The parts of @galley/links that read files or use the network; the main
// entry stays free of Node built-ins, so the core runs anywhere.
export { checkExternal, type ExternalReport } from './external/external.js'
export { checkExternalLinks, type ExternalLinksReport } from './external/links.js'
export { checkSite } from './site.js'
