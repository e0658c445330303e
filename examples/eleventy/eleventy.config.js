import galley from '@galley/eleventy'
import { galleyOptions } from '../shared-content/galley.js'

const home = `<ul>
{%- for post in collections.posts | reverse %}
  <li><a href="{{ post.url }}">{{ post.data.title }}</a></li>
{%- endfor %}
</ul>
`

export default function (eleventyConfig) {
  // Markdown through Galley: validated front matter, checked links, feeds.
  eleventyConfig.addPlugin(galley, galleyOptions)
  eleventyConfig.ignores.add('../shared-content/readme.md')
  eleventyConfig.ignores.add('../shared-content/*.js')
  eleventyConfig.addGlobalData('layout', 'page.njk')
  // Drafts never reach it: the plugin leaves unpublished posts out of the build.
  eleventyConfig.addCollection('posts', (api) =>
    api.getFilteredByGlob('../shared-content/posts/*.md')
  )
  eleventyConfig.addTemplate('index.njk', home, { title: 'Workshop log', permalink: '/' })
  return { dir: { input: '../shared-content', includes: '../eleventy/_includes', output: 'dist' } }
}
