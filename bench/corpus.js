/**
 * A deterministic corpus of Markdown files with front matter: Hugo-style
 * YAML, with one TOML and one JSON file in every ten.
 *
 * @param {number} count
 * @returns {string[]}
 */
export function corpus(count) {
  const sources = []
  for (let index = 0; index < count; index++) {
    const day = String((index % 28) + 1).padStart(2, '0')
    const title = `Post number ${index}: notes from the hackfest`
    if (index % 10 === 8) {
      sources.push(
        `+++\ntitle = "${title}"\ntags = [ "fedora", "atomic" ]\ndate = 2018-04-${day}\ndraft = false\n+++\n\n# Body\n`
      )
    } else if (index % 10 === 9) {
      sources.push(
        `---json\n{ "title": "${title}", "tags": ["fedora"], "date": "2018-04-${day}" }\n---\n\n# Body\n`
      )
    } else {
      sources.push(
        `---\ntitle: "${title}"\ntags: [ fedora, atomic ]\ndate: "2018-04-${day}"\ndraft: false\ndescription: A post about things\n---\n\n# Body\n`
      )
    }
  }
  return sources
}

/**
 * A deterministic corpus of blog posts of about 5 KB: front matter,
 * headings, paragraphs with emphasis, links and code, a list, a table, a
 * fenced code block.
 *
 * @param {number} count
 * @returns {string[]}
 */
export function posts(count) {
  const result = []
  for (let index = 0; index < count; index++) {
    let body = `---\ntitle: "Post ${index}"\ntags: [ fedora, atomic ]\ndate: "2018-04-${String((index % 28) + 1).padStart(2, '0')}"\ndraft: false\n---\n\n# Post ${index}\n\n`
    for (let section = 0; section < 6; section++) {
      body += `## Section ${section} of post ${index}\n\n`
      body += `Once we got the *hackfest* started we dug into **quite a few** topics, see [the notes](/posts/post-${index - 1}/#section-${section}-of-post-${index - 1}) and \`rpm-ostree\` for details. Here are the ones I was most involved in, with a link to [upstream](https://example.com/${index}/${section}).\n\n`
      body +=
        'The way the instance is set up is a bit rigid for the developers. OpenShift has a lot of tools that make it really easy to get started, but those tools have a certain level of magic.\n\n'
      if (section === 2)
        body += '- Gating in Rawhide\n- OSTree mirroring\n- Multi-arch artifacts\n\n'
      if (section === 3)
        body += '| Ratio | Peaks |\n| ----- | ----- |\n| 1:1:1 | 4 h |\n| 1:5:5 | 12 h |\n\n'
      if (section === 4)
        body += '```js\nconst answer = await fetch(url)\nconsole.log(answer.status)\n```\n\n'
    }
    result.push(body)
  }
  return result
}
