import { createHash } from 'node:crypto'
import { contentFilePath } from '../content-files.js'
import type { BundleFile, ContentFile, GalleyConfig, PostSchema } from '../types.js'

/**
 * A path with a hash of `value` before its extension:
 * `img/map.png` → `img/map-1f2e3d4c.png` (8 hex digits of SHA-256).
 *
 * @param path
 *   Path, `/` separators.
 * @param value
 *   The file's bytes.
 * @returns
 *   Path.
 */
export function hashedPath(path: string, value: Uint8Array): string {
  const digest = createHash('sha256').update(value).digest('hex').slice(0, 8)
  const slash = path.lastIndexOf('/')
  const dot = path.lastIndexOf('.')
  return dot > slash + 1 ? `${path.slice(0, dot)}-${digest}${path.slice(dot)}` : `${path}-${digest}`
}

/**
 * Give the content folder's files and the bundles' their hashed names
 * (`hashFileNames`): a content file's `url`, a bundle file's `published`.
 *
 * @param config
 *   Configuration (`contentDir`).
 * @param files
 *   The content folder's other files.
 * @param bundles
 *   The files of page bundles.
 */
export function hashFileNames(
  config: Readonly<Pick<GalleyConfig<PostSchema>, 'contentDir'>>,
  files: ContentFile[],
  bundles: BundleFile[]
): void {
  for (const file of files) {
    if (file.url !== undefined) continue
    const named = hashedPath(contentFilePath(file.path, config), file.value)
    file.url = `/${named.split('/').map(encodeURIComponent).join('/')}`
  }
  for (const file of bundles) file.published = hashedPath(file.path, file.value)
}
