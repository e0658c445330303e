// The Hugo site of the build benchmark: the same posts with a single and a
// list template; Hugo also writes its tag pages and RSS feeds by default.
const frame = (title, body) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>\n`

export const files = {
  'hugo.toml': `baseURL = 'https://bench.test/'\ntitle = 'Bench'\npublishDir = 'dist-hugo'\n`,
  'layouts/_default/single.html': frame('{{ .Title }}', '<h1>{{ .Title }}</h1>{{ .Content }}'),
  'layouts/_default/list.html': frame(
    '{{ .Title }}',
    '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
  ),
  'layouts/index.html': frame(
    'Bench',
    '<ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
  )
}
