import { describe, expect, it } from 'vitest'
import { runReadmeExample } from '../../../test-support/readme.js'

describe('readme', () => {
  it('should yield what the Use section says', async () => {
    const { output, yields } = await runReadmeExample(new URL('../', import.meta.url))
    expect(output).toBe(yields)
  })
})
