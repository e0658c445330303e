import { readdirSync } from 'node:fs'
import { defaultServerConditions } from 'vite'
import { defineConfig, type ViteUserConfig } from 'vitest/config'

const packages = readdirSync(new URL('packages/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

// Packages import each other by name; the `galley-source` condition resolves
// those imports to `src/`, so tests run against source and exercise the
// exports maps, with no build needed first.
const conditions = ['galley-source', ...defaultServerConditions.filter((c) => c !== 'module')]

const config: ViteUserConfig = defineConfig({
  ssr: { resolve: { conditions } },
  resolve: { conditions },
  test: {
    reporters: process.env.GALLEY_VITEST_JSON
      ? ['default', ['json', { outputFile: process.env.GALLEY_VITEST_JSON }]]
      : ['default'],
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: {
          name,
          root: `packages/${name}`,
          include: ['test/**/*.test.ts']
        }
      })),
      // Checks over the whole repository (such as the computed-key rule).
      { extends: true as const, test: { name: 'repo', root: '.', include: ['test/**/*.test.ts'] } }
    ]
  }
})

export default config
