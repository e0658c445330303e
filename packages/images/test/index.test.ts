import { describe, expect, it } from 'vitest'

describe('@galley/images', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/images')).sort()).toEqual([
      'rehypeGalleyImages',
      'resolveImages',
      'source',
      'variantWidths'
    ])
    expect(Object.keys(await import('@galley/images/node')).sort()).toEqual([
      'downloadImage',
      'imageExtension',
      'openImageCache',
      'prepareImages',
      'probeImage'
    ])
  })

  it('should decide every default once, and name a bad value', async () => {
    const { resolveImages } = await import('@galley/images')
    expect(resolveImages(undefined)).toEqual({
      responsive: undefined,
      alt: true,
      budget: undefined,
      remote: 'allow',
      lazy: true,
      maxPixels: 268_402_689
    })
    expect(resolveImages(false)).toBe(undefined)
    expect(resolveImages({ responsive: true })?.responsive).toEqual({
      widths: [480, 960, 1920],
      formats: ['webp'],
      quality: undefined,
      sizes: '100vw'
    })
    expect(() => resolveImages({ remote: 'fetch' as never })).toThrow(
      "Expected `images.remote` to be `'allow'`, `'warn'` or `'download'`, not `fetch`"
    )
    expect(() => resolveImages({ responsive: { widths: [0] } })).toThrow(
      'Expected `images.responsive.widths` to be positive whole numbers of pixels, not `[0]`'
    )
    expect(() => resolveImages({ responsive: { formats: ['gif' as never] } })).toThrow(/formats/)
    expect(() => resolveImages({ budget: -1 })).toThrow(/budget/)
  })
})
