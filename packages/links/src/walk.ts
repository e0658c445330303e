import type { Node, Parent } from 'unist'

/**
 * Call `enter` on every node of a tree below its root, in document order.
 * Much cheaper than `unist-util-visit` (which makes and names a function
 * per node): Galley walks every page's trees on its hot path.
 *
 * @param tree
 *   Tree.
 * @param enter
 *   Called with each node.
 */
export function eachNode(tree: Parent, enter: (node: Node) => void): void {
  const stack: Node[] = []
  for (let index = tree.children.length - 1; index >= 0; index--) {
    stack.push(tree.children[index] as Node)
  }
  while (stack.length > 0) {
    const node = stack.pop() as Node
    enter(node)
    const children = (node as Partial<Parent>).children
    if (!children) continue
    for (let index = children.length - 1; index >= 0; index--) {
      stack.push(children[index] as Node)
    }
  }
}
