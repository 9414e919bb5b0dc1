import { describe, expect, it } from 'vitest'
import { eventTypeNames, eventTypes } from '../../../domain/events/index.js'
import { testEventSummary, testEventType } from '../../../domain/webhooks/test-event.js'
import { eventSummary } from '../../../functions/website/i18n/event-summaries.js'

/** The portal says what each event type means in its reader's language; English is the contract's. */
describe('what an event type means, in each language', () => {
  it.each([...eventTypeNames, testEventType])('%s has its own French and the contract’s English', (type) => {
    const english = type === testEventType ? testEventSummary : eventTypes[type as keyof typeof eventTypes].summary
    expect(eventSummary(type, 'en')).toBe(english)
    const french = eventSummary(type, 'fr')
    expect(french.length).toBeGreaterThan(30)
    expect(french).not.toBe(english)
  })

  it('says nothing of a type that does not exist, in either language', () => {
    expect(eventSummary('nope.unknown', 'fr')).toBe('')
    expect(eventSummary('constructor', 'en')).toBe('')
  })
})
