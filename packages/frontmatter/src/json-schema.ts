import type { StandardSchemaV1 } from '@standard-schema/spec'

/** Options for `toJsonSchema`. */
export interface JsonSchemaOptions {
  /** JSON Schema version (default: `'draft-2020-12'`). */
  target?: 'draft-07' | 'draft-2020-12' | null | undefined
}

/**
 * The JSON Schema of a front-matter schema's input, for editor completion
 * (YAML Language Server, VS Code). Works for every schema that implements
 * Standard JSON Schema: `blogSchema`, Zod 4, ArkType 2. Valibot needs
 * `@valibot/to-json-schema` first.
 *
 * @param schema
 *   Schema.
 * @param options
 *   Configuration (optional).
 * @returns
 *   JSON Schema; throws a `TypeError` when the schema cannot give one.
 */
export function toJsonSchema(
  schema: StandardSchemaV1,
  options?: Readonly<JsonSchemaOptions> | null
): Record<string, unknown> {
  const standard = schema['~standard'] as StandardSchemaV1.Props & {
    jsonSchema?: {
      input(options: { target: string; libraryOptions?: unknown }): Record<string, unknown>
    }
  }
  if (!standard.jsonSchema) {
    throw new TypeError(
      `Expected \`schema\` to implement Standard JSON Schema (\`~standard.jsonSchema\`); \`${standard.vendor}\` schemas do not: convert it with that library’s JSON Schema tool`
    )
  }
  return standard.jsonSchema.input({
    target: options?.target ?? 'draft-2020-12',
    // Zod: dates and transforms become `{}` instead of throwing.
    libraryOptions: { unrepresentable: 'any' }
  })
}
