import ts from 'typescript'

/** One assignment into an object under a computed key that nothing vouches for. */
export interface Unguarded {
  line: number
  text: string
}

const assignments = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken
])

/**
 * Every `target[key] = value` (and `??=`, `||=`, `+=`, …) in a source file
 * whose key is not a literal, unless the statement carries an
 * `// own-key: <why>` comment saying why the key cannot be `__proto__` (a
 * key from the config, a number, a target without a prototype). Also
 * `Object.assign(target, …)` into anything but a new `{}` literal, and
 * `Reflect.set`, which walk keys the same way. Content is untrusted: a key
 * that came from it must go through `Object.defineProperty`, a `Map`, or an
 * object made with `Object.create(null)`.
 *
 * @param name
 *   File name, for the parser.
 * @param text
 *   Source text.
 * @returns
 *   Findings, in order.
 */
export function findUnguardedKeys(name: string, text: string): Unguarded[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true)
  const found: Unguarded[] = []
  const vouched = (node: ts.Node): boolean => {
    let current: ts.Node | undefined = node
    // The comment may sit on the statement, or on the line above the expression.
    while (current && !ts.isSourceFile(current)) {
      const ranges = ts.getLeadingCommentRanges(text, current.getFullStart()) ?? []
      if (ranges.some((range) => /own-key:/.test(text.slice(range.pos, range.end)))) return true
      // Up to the statement that stands on its own lines (an `if`'s, not its body's).
      const parent: ts.Node = current.parent
      const listed =
        ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseOrDefaultClause(parent)
      if (ts.isStatement(current) && listed) return false
      current = current.parent
    }
    return false
  }
  const report = (node: ts.Node) => {
    if (vouched(node)) return
    const { line } = source.getLineAndCharacterOfPosition(node.getStart())
    found.push({ line: line + 1, text: node.getText().split('\n')[0] ?? '' })
  }
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      assignments.has(node.operatorToken.kind) &&
      ts.isElementAccessExpression(node.left) &&
      !ts.isStringLiteral(node.left.argumentExpression) &&
      !ts.isNumericLiteral(node.left.argumentExpression)
    ) {
      report(node)
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText()
      const [target] = node.arguments
      const fresh = target && ts.isObjectLiteralExpression(target) && target.properties.length === 0
      if ((callee === 'Object.assign' && !fresh) || callee === 'Reflect.set') report(node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
