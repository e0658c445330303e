import galley from '@galley/astro'
import { galleyOptions } from '../shared-content/galley.js'

export default {
  site: galleyOptions.site,
  // Feeds of the posts and a link check of every built page, when the build is done.
  integrations: [galley(galleyOptions)]
}
