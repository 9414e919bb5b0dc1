import { personalDataFields, type EventType } from './event-types.js'

/**
 * An event's data without its personal data fields (`personalDataFields`): what may
 * leave for partners through the feed and webhooks. A copy; the event is untouched.
 *
 * @example redactPersonalData({ type: 'startup.registered', data }).contact // undefined
 */
export const redactPersonalData = (event: {
  readonly type: EventType
  readonly data: unknown
}): Record<string, unknown> => {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<
    string,
    unknown
  >
  const hidden = new Set(personalDataFields[event.type] ?? [])
  return Object.fromEntries(Object.entries(data).filter(([field]) => !hidden.has(field)))
}
