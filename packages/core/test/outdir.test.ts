import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkOutDir, loadSite, writeSite } from '@galley/core/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let root: string
let site: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-outdir-'))
  site = path.join(root, 'site')
  await mkdir(path.join(site, 'content'), { recursive: true })
  await mkdir(path.join(site, 'public'), { recursive: true })
  await writeFile(path.join(site, 'content/a.md'), '# A\n')
  await writeFile(path.join(site, 'public/logo.png'), 'png')
  await writeFile(path.join(site, 'galley.config.mjs'), 'export default {}\n')
  await writeFile(path.join(site, 'NOTES.txt'), 'mine')
  await writeFile(path.join(root, 'sibling.txt'), 'neighbour')
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const options = () => ({
  root: site,
  sources: ['content', 'public', 'galley.config.mjs'].map((name) => path.join(site, name))
})

/** Every file under `root`, with its content: what must survive a refused build. */
async function snapshot(): Promise<Array<[string, string]>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile())
  return Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name)
      return [path.relative(root, file), await readFile(file, 'utf8')] as [string, string]
    })
  ).then((list) => list.sort((a, b) => a[0].localeCompare(b[0])))
}

describe('the output folder', () => {
  for (const [given, why] of [
    ['.', "it is the site's folder"],
    ['..', "it holds the site's folder `.`"],
    ['content', 'it is `content`, which the build reads'],
    ['public', 'it is `public`, which the build reads'],
    ['public/site', 'it is inside `public`, which the build reads'],
    ['content/dist', 'it is inside `content`, which the build reads']
  ] as const) {
    it(`should refuse \`${given}\` and write nothing`, async () => {
      const before = await snapshot()
      const outDir = path.join(site, given)
      const files = [{ path: 'index.html', value: 'x' }]
      await expect(writeSite(outDir, files, { ...options(), force: true })).rejects.toThrow(why)
      expect(await snapshot()).toEqual(before)
      expect(await readdir(root)).toEqual(expect.arrayContaining(['site', 'sibling.txt']))
    })
  }

  it('should build inside a folder the build reads leaving the output out (a Jekyll site’s), never into it', async () => {
    const contained = {
      root: site,
      sources: [path.join(site, 'public')],
      containers: [path.join(site, 'content')]
    }
    const files = [{ path: 'index.html', value: 'x' }]
    await writeSite(path.join(site, 'content/_site'), files, contained)
    expect(await readFile(path.join(site, 'content/_site/index.html'), 'utf8')).toBe('x')
    await expect(writeSite(path.join(site, 'content'), files, contained)).rejects.toThrow(
      'it is `content`, which the build reads'
    )
    await expect(writeSite(site, files, contained)).rejects.toThrow("it is the site's folder")
    // Its Markdown is not read back as content, nor copied as a bundle's.
    await writeFile(path.join(site, 'content/_site/copied.md'), '# Copied\n')
    await mkdir(path.join(site, 'content/trip/_site'), { recursive: true })
    await writeFile(path.join(site, 'content/trip/index.md'), '# Trip\n')
    await writeFile(path.join(site, 'content/trip/_site/x.png'), 'png')
    const loaded = await loadSite(
      { site: 'https://b.test/', contentDir: 'content' },
      { cwd: site, outDir: 'content/_site' }
    )
    expect(loaded.files.map((file) => file.path)).toEqual(['content/a.md', 'content/trip/index.md'])
    expect(loaded.bundles.map((file) => file.path)).toEqual(['_site/x.png'])
    const inBundle = await loadSite(
      { site: 'https://b.test/', contentDir: 'content' },
      { cwd: site, outDir: 'content/trip/_site' }
    )
    expect(inBundle.bundles).toEqual([])
  })

  it('should refuse a link that leads to a source, as the source itself', async () => {
    await symlink(path.join(site, 'content'), path.join(site, 'out'))
    await expect(checkOutDir(path.join(site, 'out'), options())).rejects.toThrow(
      'Refusing to build into `out`: it is `content`, which the build reads'
    )
  })

  it('should refuse to replace a folder Galley did not write, unless forced', async () => {
    const dist = path.join(site, 'dist')
    await mkdir(dist)
    await writeFile(path.join(dist, 'photo.jpg'), 'precious')
    await expect(writeSite(dist, [{ path: 'index.html', value: 'x' }], options())).rejects.toThrow(
      'Refusing to replace `dist`: it holds files Galley did not write (`photo.jpg`), which a build would delete; move them away (files to publish belong in `public/`), or pass `--force` (`emptyOutDir: true`) to replace the folder anyway'
    )
    expect(await readFile(path.join(dist, 'photo.jpg'), 'utf8')).toBe('precious')
    await writeSite(dist, [{ path: 'index.html', value: 'x' }], { ...options(), force: true })
    expect((await readdir(dist)).sort()).toEqual(['.galley-manifest.json', 'index.html'])
  })

  it('should refuse a file added to a built site, and replace the site otherwise', async () => {
    const dist = path.join(site, 'dist')
    const write = (value: string) =>
      writeSite(dist, [{ path: 'index.html', value }], {
        ...options(),
        records: path.join(site, 'records.json')
      })
    await write('v1')
    await write('v2')
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toBe('v2')
    await writeFile(path.join(dist, 'CNAME'), 'example.com')
    await expect(write('v3')).rejects.toThrow('files Galley did not write (`CNAME`)')
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toBe('v2')
    // A build that changes nothing touches nothing, and needs no look.
    expect(await write('v2')).toEqual({ written: 0, kept: 1, removed: 0 })
    expect(await readFile(path.join(dist, 'CNAME'), 'utf8')).toBe('example.com')
  })

  it('should build into an empty or missing folder, inside the site or outside it', async () => {
    await mkdir(path.join(site, 'empty'))
    for (const outDir of [
      path.join(site, 'empty'),
      path.join(site, 'dist'),
      path.join(root, 'elsewhere')
    ]) {
      await writeSite(outDir, [{ path: 'index.html', value: 'x' }], options())
      expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('x')
    }
  })
})

describe('reading content and public/ without leaving them', () => {
  it('should refuse links out of public/ naming each, and copy links that stay inside', async () => {
    const { loadAssets } = await import('@galley/core/node')
    await symlink('/etc', path.join(site, 'public/etc'))
    await symlink('/etc/passwd', path.join(site, 'public/pw.txt'))
    await expect(loadAssets(path.join(site, 'public'))).rejects.toThrow(
      `Refusing to copy \`${site}/public/etc\` (it links to \`/etc\`, outside \`${site}/public\`), \`${site}/public/pw.txt\` (it links to \`/etc/passwd\`, outside \`${site}/public\`) into the site`
    )
    await rm(path.join(site, 'public/etc'))
    await rm(path.join(site, 'public/pw.txt'))
    await symlink('logo.png', path.join(site, 'public/same.png'))
    const assets = await loadAssets(path.join(site, 'public'))
    expect(assets.map((asset) => [asset.path, String(asset.value)])).toEqual([
      ['logo.png', 'png'],
      ['same.png', 'png']
    ])
  })

  it('should give a link out of content/ one fatal message, and read nothing through it', async () => {
    const { loadContent } = await import('@galley/core/node')
    const { createGalley } = await import('@galley/core')
    await mkdir(path.join(root, 'elsewhere'))
    await writeFile(path.join(root, 'elsewhere/secret.md'), '---\ntitle: Secret\n---\n')
    await symlink(path.join(root, 'elsewhere/secret.md'), path.join(site, 'content/linked.md'))
    await symlink(path.join(root, 'elsewhere'), path.join(site, 'content/folder'))
    const files = await loadContent('content', { cwd: site })
    expect(
      files.map((file) => [file.path, String(file.value ?? ''), file.messages.map((m) => m.ruleId)])
    ).toEqual([
      ['content/a.md', '# A\n', []],
      ['content/folder', '', ['link-outside']],
      ['content/linked.md', '', ['link-outside']]
    ])
    expect(files[2]?.messages[0]?.reason).toBe(
      `Refusing to read \`content/linked.md\`: it links to \`${root}/elsewhere/secret.md\`, outside \`${site}/content\`; copy the file into the content folder instead of linking to it`
    )
    const result = await createGalley({ site: 'https://b.test/' }).build(files)
    expect(result.ok).toBe(false)
    expect(result.pages.map((page) => page.data.title)).not.toContain('Secret')
  })
})
