import { describe, expect, it } from 'vitest'
import { eventTypeNames, personalDataFields } from '../../../domain/events/index.js'
import { redactPersonalData } from '../../../domain/events/redact.js'
import { applicationSubmitted, partnerJoined, startupRegistered } from '../../fixtures/events.js'

describe('redactPersonalData', () => {
  it('drops the contact of a start-up registration and keeps the rest', () => {
    const event = startupRegistered('startup-1')
    const redacted = redactPersonalData(event)
    expect(redacted).not.toHaveProperty('contact')
    expect(JSON.stringify(redacted)).not.toMatch(/Inès|ines@calanques/)
    expect(redacted).toMatchObject({
      startupId: 'startup-1',
      name: 'Calanques Tech',
      siret: '73282932000074',
    })
  })

  it('drops the contact of an application, and leaves the event itself untouched', () => {
    const event = applicationSubmitted('app-1', 'startup-1')
    const redacted = redactPersonalData(event)
    expect(redacted).not.toHaveProperty('contact')
    expect(redacted).toMatchObject({ applicationId: 'app-1', editionId: 'ces-2020' })
    expect(event.data).toHaveProperty('contact')
  })

  it('returns a copy of events without personal data', () => {
    const event = partnerJoined('tpm')
    expect(redactPersonalData(event)).toEqual(event.data)
    expect(redactPersonalData(event)).not.toBe(event.data)
  })

  it('knows every type that has personal data fields', () => {
    for (const type of Object.keys(personalDataFields)) expect(eventTypeNames).toContain(type)
  })
})
