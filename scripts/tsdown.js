#!/usr/bin/env node
// Builds the package in the working directory with its tsdown.config.ts, as
// the `tsdown` command does. The command warns on every Node.js older than
// 22.18 that its support "will be removed in the next minor release"; the
// catalog pins tsdown to an exact version that supports Node.js 20, so the
// build calls tsdown's API, which does not warn. Moving past that version
// means checking that it still runs on our floor, Node.js 20.19.
import { build } from 'tsdown'

await build(process.argv.includes('--watch') ? { watch: true } : {})
