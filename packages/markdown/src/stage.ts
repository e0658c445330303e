import type { Root } from 'mdast'
import { type Data, type PluggableList, unified } from 'unified'
import type { VFile } from 'vfile'

/**
 * `remarkPlugins` as one step that ends before remark-rehype: a processor
 * of their own, sharing the main processor's data (so syntax extensions,
 * `micromarkExtensions` and friends, reach its parser). A plugin that adds
 * plugins from its attacher (remark-lint adds its message control so) adds
 * them to the end of this step, where the tree is still mdast; in the main
 * processor they would run after the tree became HTML, and remark-lint's
 * control would drop every message it sees as outside the document.
 *
 * @param plugins
 *   The `remarkPlugins` option.
 * @param data
 *   The main processor's data.
 * @returns
 *   Transform.
 */
export function remarkPluginsStep(
  plugins: PluggableList,
  data: Data
): () => (tree: Root, file: VFile) => Promise<Root> {
  const step = unified().data(data).use(plugins).freeze()
  return () => (tree, file) => step.run(tree, file) as Promise<Root>
}
