import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hugoSettings } from '../src/hugo.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'galley-hugo-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('hugoSettings', () => {
  it('should read the site’s title, address, language, time zone, page size and git info from hugo.toml', async () => {
    await writeFile(
      path.join(dir, 'hugo.toml'),
      'baseURL = "https://notes.example/"\ntitle = "Field notes"\nlanguageCode = "en-gb"\ntimeZone = "Europe/Oslo"\npaginate = 5\nenableGitInfo = true\n[params]\n  x = 1\n'
    )
    expect(hugoSettings(dir)).toEqual({
      publicDir: 'static',
      site: 'https://notes.example/',
      title: 'Field notes',
      language: 'en-gb',
      timeZone: 'Europe/Oslo',
      paginate: 5,
      gitDates: true
    })
  })

  it('should take config.yaml only with a baseURL, and leave out values of the wrong kind', async () => {
    await writeFile(path.join(dir, 'config.json'), '{ "title": "Another tool’s config" }')
    expect(hugoSettings(dir)).toEqual({})
    await writeFile(
      path.join(dir, 'config.yaml'),
      'baseURL: /relative/\ntitle: 3\ntimeZone: Mars/Olympus\npaginate: -1\nlanguageCode: fr\n'
    )
    expect(hugoSettings(dir)).toEqual({ publicDir: 'static', language: 'fr' })
  })

  it('should give nothing for a file that does not parse', async () => {
    await writeFile(path.join(dir, 'hugo.toml'), 'title = "unclosed\n')
    expect(hugoSettings(dir)).toEqual({ publicDir: 'static' })
  })
})
