import type { Element, ElementContent, Root } from 'hast'
import rehypeGithubAlert from 'rehype-github-alert'

/** The kinds of GitHub alert (`> [!NOTE]`). */
export type AlertType = 'note' | 'tip' | 'important' | 'warning' | 'caution'

/** rehype-github-alert's transform, shared by the `alerts` step, `alertOf` and the alert directives. */
export const githubAlerts: (tree: Root) => undefined = rehypeGithubAlert()

/**
 * Render GitHub alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`,
 * `[!CAUTION]` on the first line of a blockquote) with GitHub's own markup
 * (rehype-github-alert): `<div class="markdown-alert markdown-alert-note">`,
 * a title paragraph with GitHub's octicon, then the content. As on GitHub,
 * only blockquotes at the top of the document become alerts; a nested one
 * stays a quote.
 *
 * @returns
 *   Transform.
 */
export function rehypeGalleyAlerts(): (tree: Root) => undefined {
  return (tree) => {
    githubAlerts(tree)
    return undefined
  }
}

/**
 * What a blockquote is as GitHub renders it: an alert of a type, with its
 * content (without the `[!TYPE]` marker), or `undefined` for a plain quote.
 *
 * @param blockquote
 *   A `<blockquote>` at the top of the document (GitHub turns no other into an alert).
 * @returns
 *   The alert, or `undefined`.
 */
export function alertOf(
  blockquote: Element
): { type: AlertType; children: ElementContent[] } | undefined {
  const root: Root = { type: 'root', children: [structuredClone(blockquote)] }
  githubAlerts(root)
  const alert = root.children[0]
  if (alert?.type !== 'element' || alert.tagName !== 'div') return undefined
  const classes = Array.isArray(alert.properties.className) ? alert.properties.className : []
  const type = classes
    .map(String)
    .find((name) => name.startsWith('markdown-alert-'))
    ?.slice('markdown-alert-'.length) as AlertType | undefined
  if (!type) return undefined
  // The first child is the title GitHub adds.
  return { type, children: alert.children.slice(1) }
}
