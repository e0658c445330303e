import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createGalley } from '@galley/core'
import { createContentCache, writeSite } from '@galley/core/node'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { treeOf } from '../../../test-support/tree.js'
import {
  buildInputs,
  config,
  files,
  initialState,
  messagesOf,
  sites,
  step
} from './support/model.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-incremental-'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('incremental builds on disk', () => {
  it('should leave the output folder equal to a fresh build, byte for byte, after any sequence of edits, images included', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        sites,
        fc.array(step, { minLength: 1, maxLength: 6 }),
        async (initial, steps) => {
          const here = path.join(root, String(run++))
          const state = initialState(initial, { images: true })
          const incremental = async () => {
            const salt = `plugin@${state.version}`
            const cache = createContentCache(path.join(here, 'cache/render'), { salt })
            const result = await createGalley({ ...config(state), cache }).build(
              files(state),
              buildInputs(state)
            )
            if (result.ok) {
              await writeSite(path.join(here, 'incremental'), result.outputs, {
                records: path.join(here, 'cache/outputs.bin'),
                stamp: salt
              })
            }
            return result
          }
          await incremental()
          for (const change of steps) {
            change.apply(state)
            if (state.tamper) {
              const file = path.join(here, 'incremental', state.tamper)
              await writeFile(file, 'edited by hand', { flag: 'r+' }).catch(() => undefined)
              state.tamper = undefined
            }
            const warm = await incremental()
            const fresh = await createGalley(config(state)).build(files(state), buildInputs(state))
            expect(messagesOf(warm)).toEqual(messagesOf(fresh))
            expect(warm.ok).toBe(fresh.ok)
            if (!fresh.ok) continue
            await writeSite(path.join(here, 'fresh'), fresh.outputs, { force: true })
            expect(treeOf(path.join(here, 'incremental'))).toEqual(treeOf(path.join(here, 'fresh')))
          }
          await rm(here, { recursive: true, force: true })
        }
      ),
      { seed: 20261202, numRuns: 25 }
    )
  }, 120_000)
})
