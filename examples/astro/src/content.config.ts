import { defineCollection } from 'astro:content'
import { galleyLoader } from '@galley/astro'
import { galleyOptions } from '../../shared-content/galley.js'

// Each Astro collection holds one Galley collection: validated and rendered
// by Galley, read with `getCollection` and `render` as any other.
export const collections = {
  posts: defineCollection({ loader: galleyLoader({ ...galleyOptions, collection: 'posts' }) }),
  pages: defineCollection({ loader: galleyLoader({ ...galleyOptions, collection: 'pages' }) })
}
