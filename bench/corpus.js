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
