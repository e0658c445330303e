// Parse and validate the front matter of 10,000 files, and compare with the
// floor: `yaml.parse` alone (no positions, no validation, no other formats).
// Run from the root with `pnpm bench`; it measures the built packages (dist).
import { blogSchema, parseFrontmatter, validateFrontmatter } from '@galley/frontmatter'
import { Bench } from 'tinybench'
import { VFile } from 'vfile'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { corpus } from './corpus.js'

const count = 10_000
const sources = corpus(count)
const yamlBodies = sources
  .filter((source) => source.startsWith('---\n'))
  .map((source) => source.slice(4, source.indexOf('\n---', 4)))

const zodSchema = z.object({
  title: z.string().min(1),
  tags: z.array(z.string()).default([]),
  date: z.coerce.date(),
  draft: z.boolean().default(false),
  description: z.string().optional()
})

const bench = new Bench({ iterations: 5, time: 0, warmup: true, warmupIterations: 1 })

/** How many files each task handles, by task name. */
const sizes = new Map()
const add = (name, size, fn) => {
  sizes.set(name, size)
  bench.add(name, fn)
}

add(`yaml.parse only, ${yamlBodies.length} YAML blocks (the floor)`, yamlBodies.length, () => {
  for (const body of yamlBodies) parseYaml(body)
})
add(`parseFrontmatter, ${count} files`, count, () => {
  for (const value of sources) parseFrontmatter(new VFile({ value }))
})
add(`parse + validateFrontmatter(blogSchema), ${count} files`, count, async () => {
  for (const value of sources) await validateFrontmatter(new VFile({ value }), blogSchema)
})
add(`parse + validateFrontmatter(zod), ${count} files`, count, async () => {
  for (const value of sources) await validateFrontmatter(new VFile({ value }), zodSchema)
})

await bench.run()

console.log(
  `@galley/frontmatter on Node ${process.version}, ${count} files (80% YAML, 10% TOML, 10% JSON)`
)
console.table(
  bench.tasks.map((task) => {
    const latency = task.result?.latency
    const mean = latency?.mean ?? Number.NaN
    return {
      task: task.name,
      'ms per run (mean)': mean.toFixed(1),
      '± %': latency?.rme?.toFixed(1),
      'µs per file': ((mean * 1000) / (sizes.get(task.name) ?? count)).toFixed(1),
      runs: latency?.samplesCount
    }
  })
)
console.log(`peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
