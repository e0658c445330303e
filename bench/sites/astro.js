// The Astro 5 site of the build benchmark: the posts as a content-layer
// collection (glob loader, Zod schema), a page per post and an index.
export const files = {
  'astro.config.mjs': `export default { site: 'https://bench.test/', outDir: './dist-astro', logLevel: 'error' }\n`,
  'src/content.config.ts': `import { defineCollection, z } from 'astro:content'
import { glob } from 'astro/loaders'

export const collections = {
  posts: defineCollection({
    loader: glob({ pattern: '*.md', base: './content/posts' }),
    schema: z.object({ title: z.string(), date: z.coerce.date(), tags: z.array(z.string()), draft: z.boolean() })
  })
}
`,
  'src/pages/posts/[slug].astro': `---
import { getCollection, render } from 'astro:content'

export async function getStaticPaths() {
  const posts = await getCollection('posts')
  return posts.map((post) => ({ params: { slug: post.id }, props: { post } }))
}
const { post } = Astro.props
const { Content } = await render(post)
---
<html lang="en"><head><meta charset="utf-8"><title>{post.data.title}</title></head>
<body><h1>{post.data.title}</h1><Content /></body></html>
`,
  'src/pages/index.astro': `---
import { getCollection } from 'astro:content'
const posts = (await getCollection('posts')).sort((a, b) => b.data.date.valueOf() - a.data.date.valueOf())
---
<html lang="en"><head><meta charset="utf-8"><title>Bench</title></head>
<body><ul>{posts.map((post) => <li><a href={'/posts/' + post.id + '/'}>{post.data.title}</a></li>)}</ul></body></html>
`
}
