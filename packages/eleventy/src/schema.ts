import type { StandardSchemaV1 } from '@standard-schema/spec'

/**
 * Front-matter keys Eleventy itself reads (its “special data keys”): they
 * are not content, so the schema neither sees them nor warns about them.
 * `date` and `tags` are Galley's too and stay.
 */
export const eleventyKeys: ReadonlyArray<string> = [
  'dynamicPermalink',
  'eleventyAllowMissingExtension',
  'eleventyComputed',
  'eleventyDataSchema',
  'eleventyExcludeFromCollections',
  'eleventyImport',
  'eleventyNavigation',
  'layout',
  'pagination',
  'permalink',
  'permalinkBypassOutputDir',
  'templateEngineOverride'
]

type JsonSchemaConverter = (options: unknown) => Record<string, unknown>
interface WithJsonSchema {
  jsonSchema?: { input: JsonSchemaConverter; output: JsonSchemaConverter }
}

/**
 * A schema that validates what `schema` validates, with Eleventy's keys
 * taken out first and declared (so unknown-key checks skip them).
 *
 * @param schema
 *   Any Standard Schema of front matter.
 * @returns
 *   Schema.
 */
export function withEleventyKeys<S extends StandardSchemaV1>(schema: S): S {
  const inner = schema['~standard'] as StandardSchemaV1.Props & WithJsonSchema
  const strip = (value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    for (const key of eleventyKeys) delete copy[key]
    return copy
  }
  const declare = (convert: JsonSchemaConverter) => (options: unknown) => {
    const json = convert(options)
    const properties = (json.properties ?? {}) as Record<string, unknown>
    return {
      ...json,
      properties: { ...Object.fromEntries(eleventyKeys.map((key) => [key, {}])), ...properties }
    }
  }
  const standard: StandardSchemaV1.Props & WithJsonSchema = {
    version: 1,
    vendor: inner.vendor,
    validate: (value) => inner.validate(strip(value))
  }
  if (inner.jsonSchema) {
    standard.jsonSchema = {
      input: declare(inner.jsonSchema.input),
      output: inner.jsonSchema.output
    }
  }
  return { '~standard': standard } as unknown as S
}
