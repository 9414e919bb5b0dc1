import { describe, expect, it } from 'vitest'
import { eventTypeNames, eventTypes, personalDataFields } from '../../../domain/events/index.js'
import { matchesFilter } from '../../../domain/partner-access/filter.js'
import {
  partnerData,
  partnerDataSchema,
  partnerEventTypes,
  partnerFields,
  partnerShares,
  withheldEventTypes,
  withheldFields,
} from '../../../domain/partner-access/partner-view.js'
import {
  applicationSubmitted,
  editionOpened,
  partnerJoined,
  startupRegistered,
} from '../../fixtures/events.js'
import { profilePublished } from './fixtures.js'

describe('what partners see of an event', () => {
  it('shows nothing of a registration: anyone who knows a SIRET can make one', () => {
    expect(partnerData(startupRegistered('startup-1'))).toEqual({})
    expect(partnerFields('startup.registered')).toEqual([])
  })

  it('shows a published profile as the public knows the start-up: no SIRET, description or contact', () => {
    const shown = partnerData(profilePublished('startup-1'))
    expect(shown).toEqual({
      startupId: 'startup-1',
      name: 'Calanques Tech',
      city: 'Marseille',
      territory: 'aix-marseille-provence',
      themes: ['environment'],
      website: 'https://calanques.example',
    })
  })

  it('shows nothing of applications, rejections, reasons, contributions, outcomes or Team Sud Export’s records', () => {
    expect(withheldEventTypes).toEqual([
      'startup.registered',
      'startup.profile-corrected',
      'startup.recovered',
      'application.held',
      'application.submitted',
      'application.rejected',
      'application.dismissed',
      'startup.contacts-erased',
      'outcomes.reported',
      'export.prospection-recorded',
      'export.support-recorded',
    ])
    expect(partnerData(applicationSubmitted('app-1', 'startup-1'))).toEqual({})
    for (const type of ['application.selected', 'application.withdrawn'] as const) {
      expect(partnerFields(type)).not.toContain('reason')
    }
    expect(partnerFields('application.withdrawn')).not.toContain('by')
    expect(partnerData(partnerJoined('tpm'))).not.toHaveProperty('contribution')
  })

  it('is a copy, and leaves the event itself untouched', () => {
    const event = editionOpened()
    expect(partnerData(event)).toEqual(event.data)
    expect(partnerData(event)).not.toBe(event.data)
    const registered = startupRegistered('s-1')
    partnerData(registered)
    expect(registered.data).toHaveProperty('contact')
  })

  it('is an allow-list: a field it does not name never goes out', () => {
    const event = { ...editionOpened(), data: { ...editionOpened().data, internalNote: 'x' } }
    expect(partnerData(event)).not.toHaveProperty('internalNote')
  })

  it('names, for every type, only fields of its current schema, and never personal data', () => {
    expect([...partnerEventTypes, ...withheldEventTypes].sort()).toEqual([...eventTypeNames].sort())
    for (const type of eventTypeNames) {
      const fields = Object.keys(eventTypes[type].data.shape)
      for (const field of partnerFields(type)) expect(fields).toContain(field)
      for (const hidden of personalDataFields[type] ?? []) {
        expect(partnerFields(type)).not.toContain(hidden)
        expect(withheldFields(type)).toContain(hidden)
      }
      expect(partnerShares[type].why.length).toBeGreaterThan(10)
    }
    for (const type of partnerEventTypes) {
      expect(Object.keys(partnerDataSchema(type).shape)).toEqual(partnerFields(type))
    }
    expect(withheldFields('startup.profile-published')).toEqual([])
    expect(withheldFields('startup.registered')).toEqual(
      Object.keys(eventTypes['startup.registered'].data.shape),
    )
    for (const type of ['startup.profile-corrected', 'startup.recovered'] as const) {
      expect(partnerFields(type)).toEqual([])
    }
  })

  it('lets no filter match a type partners never receive', () => {
    const submitted = applicationSubmitted('app-1', 'startup-1')
    expect(matchesFilter({}, submitted)).toBe(false)
    expect(matchesFilter({ types: ['application.submitted'] }, submitted)).toBe(false)
    expect(matchesFilter({}, startupRegistered('s-1'))).toBe(false)
    expect(matchesFilter({}, profilePublished('s-1'))).toBe(true)
  })
})
