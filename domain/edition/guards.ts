import { editionErrors } from './errors.js'
import type { EditionData, EditionState } from './state.js'

/** The edition, or `edition-not-found`. */
export const existingEdition = (state: EditionState, editionId: string): EditionData => {
  if (state.edition === null) throw editionErrors.notFound(editionId)
  return state.edition
}

/** The edition if it still takes changes, or `edition-not-found` / `edition-closed`. */
export const openEdition = (state: EditionState, editionId: string): EditionData => {
  const edition = existingEdition(state, editionId)
  if (state.status === 'closed') throw editionErrors.closed(editionId)
  return edition
}

/**
 * Milliseconds since the epoch of an ISO date-time; offsets make string comparison
 * wrong (`23:00+02:00` is before `22:00Z`), so instants are compared instead.
 */
export const instant = (field: string, value: string): number => {
  const time = Date.parse(value)
  if (Number.isNaN(time)) throw editionErrors.invalidDateTime(field, value)
  return time
}
