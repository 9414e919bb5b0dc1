import { z } from 'zod'

type Target = 'draft-2020-12' | 'draft-7'

/**
 * A zod schema as a JSON Schema (zod's own converter), without `$schema`, to embed in a
 * larger document. `io: 'input'` leaves objects open (partners are told to expect new
 * optional fields); `output` closes them as the event store does (unknown fields refused).
 *
 * @example jsonSchemaOf(awardWon, 'draft-7', 'input')
 */
export const jsonSchemaOf = (
  schema: z.ZodType,
  target: Target,
  io: 'input' | 'output',
): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target, io, unrepresentable: 'any' })
  return rest
}
