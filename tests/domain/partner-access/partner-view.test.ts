import { describe, expect, it } from 'vitest'
import { eventTypeNames, personalDataFields } from '../../../domain/events/index.js'
import { partnerData, partnerDataSchema } from '../../../domain/partner-access/partner-view.js'
import {
  applicationSubmitted,
  editionOpened,
  partnerJoined,
  startupRegistered,
} from '../../fixtures/events.js'

describe('what partners see of an event', () => {
  it('drops the contact of a start-up registration and keeps the rest', () => {
    const shown = partnerData(startupRegistered('startup-1'))
    expect(shown).not.toHaveProperty('contact')
    expect(JSON.stringify(shown)).not.toMatch(/Inès|ines@calanques/)
    expect(shown).toMatchObject({
      startupId: 'startup-1',
      name: 'Calanques Tech',
      siret: '73282932000074',
    })
  })

  it('drops the contact of an application, and leaves the event itself untouched', () => {
    const event = applicationSubmitted('app-1', 'startup-1')
    const shown = partnerData(event)
    expect(shown).not.toHaveProperty('contact')
    expect(shown).toMatchObject({ applicationId: 'app-1', editionId: 'ces-2020' })
    expect(event.data).toHaveProperty('contact')
  })

  it('is a copy of the data of events without personal data', () => {
    const event = partnerJoined('tpm')
    expect(partnerData(event)).toEqual(event.data)
    expect(partnerData(event)).not.toBe(event.data)
  })

  it('is an allow-list: a field the partner schema does not name never goes out', () => {
    const event = { ...editionOpened(), data: { ...editionOpened().data, internalNote: 'x' } }
    expect(partnerData(event)).not.toHaveProperty('internalNote')
  })

  it('is what the partner schema describes, for every type, and names no personal data', () => {
    for (const event of [
      editionOpened(),
      partnerJoined('tpm'),
      startupRegistered('s-1'),
      applicationSubmitted('a-1', 's-1'),
    ]) {
      expect(partnerDataSchema(event.type).strict().parse(partnerData(event))).toEqual(
        partnerData(event),
      )
    }
    for (const type of eventTypeNames) {
      const fields = Object.keys(partnerDataSchema(type).shape)
      for (const hidden of personalDataFields[type] ?? []) expect(fields).not.toContain(hidden)
    }
    for (const type of Object.keys(personalDataFields)) expect(eventTypeNames).toContain(type)
  })
})
