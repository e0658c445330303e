import type { Element, ElementContent, Root as HastRoot } from 'hast'
import type { Paragraph, Parent, Root, RootContent } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import type { Handler, State } from 'mdast-util-to-hast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { githubAlerts } from './alerts.js'
import type { HookResult } from './hooks.js'
import { source } from './source.js'

/** A directive node of remark-directive: `:::name`, `::name` or `:name`. */
export type DirectiveNode = ContainerDirective | LeafDirective | TextDirective

/** What a directive hook gets (`hooks.directives.name`). */
export interface Directive {
  /** Its name (`note` of `:::note`). */
  name: string
  /** `container` (`:::name` … `:::`), `leaf` (`::name` on its own line) or `text` (`:name` in a line). */
  kind: 'container' | 'leaf' | 'text'
  /** Plain text of its `[label]`, if it has one. */
  label: string | undefined
  /** Its `{attributes}`, as written (an object without a prototype). */
  attributes: Record<string, string>
  /** Its content rendered: a container's body, a leaf's or text directive's label. */
  children: ElementContent[]
  /** The mdast node. */
  node: DirectiveNode
}

/** A hook rendering one directive; nothing returned renders it as built in, or as a plain element. */
export type DirectiveHook = (directive: Directive) => HookResult

const alerts = new Set(['note', 'tip', 'important', 'warning', 'caution'])

/** Directives Galley renders without a hook. */
export const builtInDirectives: ReadonlySet<string> = new Set([...alerts, 'details', 'abbr'])

/**
 * Check the directives of a document before they become HTML: an unknown
 * directive (neither built in nor in `hooks.directives`) is a `directive`
 * warning at its place, and a leaf or text one is put back as the text it
 * was written as (a bare `:name` in prose, such as `a:b` or `:smile:`, is
 * put back without a warning); a container directive without its closing
 * `:::` is a `directive-unclosed` warning.
 *
 * @param known
 *   Names with a hook.
 * @returns
 *   Transform.
 */
export function remarkGalleyDirectives(
  known: ReadonlySet<string>
): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    const text = String(file.value ?? '')
    walk(tree, (node, parent, index) => {
      const name = node.name
      const written = sourceOf(node, text)
      if (node.type === 'containerDirective' && !closed(written)) {
        file.message(
          `Unexpected unclosed directive \`:::${name}\`, expected a line of \`:::\` to close it; it runs to the end of the document`,
          { place: node.position, ruleId: 'directive-unclosed', source }
        )
      }
      if (builtInDirectives.has(name) || known.has(name)) return
      const bare =
        node.type === 'textDirective' &&
        node.children.length === 0 &&
        Object.keys(node.attributes ?? {}).length === 0 &&
        written === `:${name}`
      if (!bare) {
        file.message(
          `Unexpected unknown directive \`${node.type === 'containerDirective' ? ':::' : node.type === 'leafDirective' ? '::' : ':'}${name}\`, expected a built-in one (${[...builtInDirectives].join(', ')}) or a hook in \`hooks.directives\`; ${node.type === 'containerDirective' ? 'its content is shown in a `<div>`' : 'it is shown as written'}`,
          { place: node.position, ruleId: 'directive', source }
        )
      }
      if (node.type === 'containerDirective' || written === undefined) return
      const replacement: RootContent =
        node.type === 'leafDirective'
          ? ({ type: 'paragraph', children: [{ type: 'text', value: written }] } as Paragraph)
          : { type: 'text', value: written }
      if (node.position) replacement.position = node.position
      parent.children.splice(index, 1, replacement as never)
      return
    })
    return undefined
  }
}

/** Walk every directive, parents first; a callback may replace the node at `index`. */
function walk(
  parent: Parent,
  visit: (node: DirectiveNode, parent: Parent, index: number) => undefined
): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index] as RootContent
    if (
      node.type === 'containerDirective' ||
      node.type === 'leafDirective' ||
      node.type === 'textDirective'
    ) {
      visit(node, parent, index)
    }
    const now = parent.children[index] as RootContent
    if ('children' in now) walk(now, visit)
  }
}

function sourceOf(node: DirectiveNode, text: string): string | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? undefined : text.slice(start, end)
}

function closed(written: string | undefined): boolean {
  if (written === undefined) return true
  const last = written.trimEnd().split('\n').at(-1) ?? ''
  return /^\s*:{3,}\s*$/.test(last) && written.trimEnd().includes('\n')
}

/**
 * remark-rehype handlers for directives: each is given to its hook in
 * `hooks.directives` (own properties only), else rendered as built in
 * (`:::note` and the other GitHub alert names with GitHub's alert markup
 * and the label as title; `:::details[Summary]` as `<details>`;
 * `:abbr[HTML]{title="…"}` as `<abbr>`), else as a plain element of its
 * content (`<div>`, `<p>` or `<span>` with the class `directive-name`).
 *
 * @param hooks
 *   Hooks by directive name.
 * @returns
 *   Handlers.
 */
export function directiveHandlers(
  hooks: Readonly<Record<string, DirectiveHook | null | undefined>> | undefined
): Record<'containerDirective' | 'leafDirective' | 'textDirective', Handler> {
  const handle = (state: State, node: DirectiveNode): ElementContent | ElementContent[] => {
    const directive = directiveOf(state, node)
    const hook = hooks && Object.hasOwn(hooks, node.name) ? hooks[node.name] : undefined
    const given = hook ? hook(directive) : undefined
    const result = given ?? builtIn(directive) ?? plain(directive)
    const list = Array.isArray(result) ? result : [result]
    const first = list[0]
    if (list.length === 1 && first?.type === 'element') state.patch(node, first)
    return list
  }
  return {
    containerDirective: handle as Handler,
    leafDirective: handle as Handler,
    textDirective: handle as Handler
  }
}

function directiveOf(state: State, node: DirectiveNode): Directive {
  const attributes = Object.create(null) as Record<string, string>
  for (const [key, value] of Object.entries(node.attributes ?? {})) {
    if (typeof value === 'string') {
      Object.defineProperty(attributes, key, { value, enumerable: true, writable: true })
    }
  }
  const kind =
    node.type === 'containerDirective'
      ? 'container'
      : node.type === 'leafDirective'
        ? 'leaf'
        : 'text'
  if (node.type !== 'containerDirective') {
    const label = node.children.length > 0 ? mdastToString(node) : undefined
    return { name: node.name, kind, label, attributes, children: state.all(node), node }
  }
  const head = node.children[0]
  const labelled = head?.type === 'paragraph' && head.data?.directiveLabel === true
  const body: ContainerDirective = labelled ? { ...node, children: node.children.slice(1) } : node
  return {
    name: node.name,
    kind,
    label: labelled ? mdastToString(head) : undefined,
    attributes,
    children: state.wrap(state.all(body), true),
    node
  }
}

function builtIn(directive: Directive): HookResult {
  const { name, kind, label, attributes, children } = directive
  if (kind === 'container' && alerts.has(name)) return alert(name, label, children)
  if (kind === 'container' && name === 'details') {
    return element('details', {}, [
      element('summary', {}, [{ type: 'text', value: label ?? 'Details' }]),
      ...children
    ])
  }
  if (kind === 'text' && name === 'abbr') {
    return element('abbr', attributes.title ? { title: attributes.title } : {}, children)
  }
  return undefined
}

/** GitHub's alert markup, made by rehype-github-alert, with the label as its title. */
function alert(name: string, label: string | undefined, children: ElementContent[]): Element {
  const marker = element('p', {}, [{ type: 'text', value: `[!${name.toUpperCase()}]` }])
  // rehype-github-alert needs an element after the marker.
  const empty = !children.some((child) => child.type === 'element')
  const body = empty ? [...children, element('p', {}, [])] : children
  const quote = element('blockquote', {}, [marker, { type: 'text', value: '\n' }, ...body])
  const root: HastRoot = { type: 'root', children: [quote] }
  githubAlerts(root)
  const made = root.children[0] as Element
  if (empty)
    made.children = made.children.filter(
      (child) => !(child.type === 'element' && child.tagName === 'p' && child.children.length === 0)
    )
  const title = made.children[0]
  if (label && title?.type === 'element') {
    title.children = [
      ...title.children.filter((child) => child.type === 'element'),
      { type: 'text', value: label }
    ]
  }
  return made
}

function plain(directive: Directive): Element {
  const tag = directive.kind === 'container' ? 'div' : directive.kind === 'leaf' ? 'p' : 'span'
  return element(
    tag,
    { className: ['directive', `directive-${directive.name}`] },
    directive.children
  )
}

function element(
  tagName: string,
  properties: Element['properties'],
  children: ElementContent[]
): Element {
  return { type: 'element', tagName, properties, children }
}
