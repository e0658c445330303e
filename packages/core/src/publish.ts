import type { EntryData, GalleyConfig, PostSchema } from './types.js'

/**
 * Whether a post is published under the site's rules, as Hugo decides:
 * drafts only with `drafts`, posts whose `publishDate` (else `date`) is after
 * `now` only with `future`, posts whose `expiryDate` is before `now` only
 * with `expired`.
 *
 * @returns
 *   Whether to publish.
 */
export function isPublished(
  data: EntryData,
  config: Readonly<GalleyConfig<PostSchema>>,
  now: Date
): boolean {
  if (data.draft && !config.drafts) return false
  const publish = data.publishDate ?? data.date
  if (publish && publish.getTime() > now.getTime() && !config.future) return false
  if (data.expiryDate && data.expiryDate.getTime() <= now.getTime() && !config.expired) return false
  return true
}
