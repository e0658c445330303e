import type { Element, Root, RootContent } from 'hast'

/**
 * Call `enter` on every element of a hast tree, in document order. Faster
 * than `unist-util-visit` (no parent stacks), which matters on the hot path:
 * Galley walks each tree a few times. Return `false` from `enter` to skip an
 * element's children.
 *
 * @param tree
 *   Tree.
 * @param enter
 *   Called with each element.
 */
export function eachElement(
  tree: Root | Element,
  enter: (element: Element) => boolean | undefined
): void {
  const stack: Array<Root | RootContent> = [...tree.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop() as Root | RootContent
    if (node.type !== 'element') continue
    if (enter(node) === false) continue
    for (let index = node.children.length - 1; index >= 0; index--) {
      stack.push(node.children[index] as RootContent)
    }
  }
}
