// The page every bundler example renders from the collection modules.
export function renderIndex(posts, pages) {
  const items = posts
    .map(
      (post) =>
        `<li><a href="${post.url}">${post.frontmatter.title}</a> <small>${post.stats.readingMinutes} min</small><div>${post.excerpt.html}</div></li>`
    )
    .join('')
  const links = pages.map((page) => `<a href="${page.url}">${page.frontmatter.title}</a>`).join(' ')
  return `<nav>${links}</nav><ul>${items}</ul>`
}
