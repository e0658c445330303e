import pages from 'virtual:galley/collection/pages'
import posts from 'virtual:galley/collection/posts'
import { renderIndex } from '../../shared-content/render.js'

export { pages, posts }
export const html = renderIndex(posts, pages)
