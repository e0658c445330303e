// The Eleventy 3 site of the build benchmark: the same posts through its
// Markdown (markdown-it) and a Nunjucks layout, plus an index of every post.
export const files = {
  'eleventy.config.mjs': `export default function () {
  return { dir: { input: 'content', output: 'dist-eleventy', includes: '_includes' } }
}
`,
  'content/_includes/post.njk': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>{{ content | safe }}</body></html>
`,
  'content/posts/posts.11tydata.json': JSON.stringify({
    layout: 'post.njk',
    permalink: '/posts/{{ page.fileSlug }}/'
  }),
  'content/index.njk': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head>
<body><ul>{% for post in collections.all | reverse %}{% if post.url != '/' %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>{% endif %}{% endfor %}</ul></body></html>
`
}
