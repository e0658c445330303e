// The Galley options every bundler example shares: the content folder is
// this one; posts and pages are chosen by glob, so this folder's readme is
// neither.
export const galleyOptions = {
  site: 'https://workshop.example/',
  contentDir: '../shared-content',
  collections: {
    posts: { glob: 'posts/*.md' },
    pages: { glob: 'pages/*.md', permalink: '/:slug/' }
  }
}
