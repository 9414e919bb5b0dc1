import { v5 as uuidv5 } from 'uuid'

/** Fixed for good: every start-up id is derived from it (changing it renames them all). */
const startupNamespace = '0b7f3c1e-5d2a-4e8b-9c61-3f4a2b8d7e10'

/**
 * A start-up's id, derived from its SIRET (UUID v5): the same SIRET always names the
 * same stream, so "one registration per SIRET" is the stream's own version 1 (an
 * append at version 0 fails if it exists), with no guard item and no lookup before
 * applying. SIRETs are public identifiers of establishments: the id reveals nothing.
 *
 * @example startupIdOf('73282932000074') // always the same UUID
 */
export const startupIdOf = (siret: string): string => uuidv5(`siret:${siret}`, startupNamespace)

/**
 * A slug from a name, for the ids staff never type: `Métropole Nice Côte d'Azur` →
 * `metropole-nice-cote-d-azur`.
 *
 * @example slugify('Métropole Toulon Provence Méditerranée') // 'metropole-toulon-provence-mediterranee'
 */
export const slugify = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
