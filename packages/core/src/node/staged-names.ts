import path from 'node:path'

/** The sibling folders a build stages in: `<out>.galley-tmp-<hex>`, `<out>.galley-old-<hex>`. */
export function stagedName(target: string, kind: 'old' | 'tmp', suffix: string): string {
  return `${target}.galley-${kind}-${suffix}`
}

/** Where a build stages inside the output folder, when it is a mount point: `<out>/.galley-tmp-<hex>`. */
export function innerStagedName(target: string, suffix: string): string {
  return path.join(target, `.galley-tmp-${suffix}`)
}

/** Whether a name in the output folder is a folder a build staged there. */
export function isInnerStaged(name: string): boolean {
  return /^\.galley-tmp-[0-9a-f]{8}$/.test(name)
}
