/**
 * The versions of the site `kill.test.ts` writes: `B` changes every third
 * page of `A`, drops its last 25 and adds 25 others (few changes: the
 * write commits in place); `C` changes every page (most: it swaps folders).
 *
 * @param {string} version
 * @returns {Array<{ path: string; value: string }>}
 */
export function siteFiles(version) {
  const files = []
  const count = 1500
  for (let index = 0; index < count; index++) {
    if (version === 'B' && index >= count - 25) continue
    const changed = (version === 'B' && index % 3 === 0) || version === 'C'
    files.push({
      path: `posts/p${index}/index.html`,
      value: `<h1>Post ${index}${changed ? ' (edited)' : ''}</h1>\n${'<p>Some text.</p>\n'.repeat(40)}`
    })
  }
  if (version === 'B') {
    for (let index = 0; index < 25; index++) {
      files.push({ path: `new/n${index}/index.html`, value: `<h1>New ${index}</h1>\n` })
    }
  }
  files.push({ path: 'index.html', value: `<h1>Home ${version}</h1>\n` })
  return files
}
