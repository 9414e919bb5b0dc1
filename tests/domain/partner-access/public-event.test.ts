import { describe, expect, it } from 'vitest'
import type { FeedEvent } from '../../../domain/projections/projection.js'
import {
  NotSharedWithPartnersError,
  toPublicEvent,
  UnsequencedEventError,
} from '../../../domain/partner-access/public-event.js'
import { hasScope } from '../../../domain/partner-access/scopes.js'
import { webhookBody } from '../../../domain/webhooks/webhook-body.js'
import { applicationSubmitted, startupRegistered } from '../../fixtures/events.js'
import { profilePublished } from './fixtures.js'

const feedEvent = (event = profilePublished('startup-1')): FeedEvent => ({
  ...event,
  eventId: '0190a0b0-0000-7000-8000-000000000001',
  streamId: 'startup-startup-1',
  version: 4,
  schemaVersion: 1,
  metadata: {
    correlationId: 'c',
    actor: 'staff:jeanne.dupont@maregionsud.example',
    occurredAt: '2019-10-01T08:00:00Z',
  },
  recordedAt: '2019-10-02T08:00:00.000Z',
  position: 42,
  sequence: 17,
})

describe('the partner-facing event', () => {
  it('carries its partner sequence and identity, its data without personal data, and no metadata', () => {
    const event = toPublicEvent(feedEvent())
    expect(event).toMatchObject({
      sequence: 17,
      streamId: 'startup-startup-1',
      type: 'startup.profile-published',
    })
    // Neither the Feed position nor the stream's version: their gaps count withheld events.
    expect(Object.keys(event).sort()).toEqual(
      ['data', 'eventId', 'occurredAt', 'recordedAt', 'schemaVersion', 'sequence', 'streamId', 'type'])
    expect(event.occurredAt).toBe('2019-10-01T08:00:00Z')
    expect(event.data).toEqual(profilePublished('startup-1').data)
    expect(event).not.toHaveProperty('metadata')
    expect(JSON.stringify(event)).not.toMatch(/jeanne/)
  })

  it('refuses to make one of a type partners never receive', () => {
    expect(() => toPublicEvent(feedEvent(applicationSubmitted('app-1', 'startup-1')))).toThrow(
      NotSharedWithPartnersError,
    )
    // A registration says who applied, and may be a stranger's: partners never get it.
    expect(() => toPublicEvent(feedEvent(startupRegistered('startup-1')))).toThrow(
      NotSharedWithPartnersError,
    )
  })

  it('refuses to make one without a partner sequence (a Feed item indexed before them)', () => {
    const { sequence: _sequence, ...unsequenced } = feedEvent()
    expect(() => toPublicEvent(unsequenced)).toThrow(UnsequencedEventError)
  })

  it('goes out in a webhook as { type, timestamp, data }', () => {
    const body = webhookBody(feedEvent())
    expect(Object.keys(body)).toEqual(['type', 'timestamp', 'data'])
    expect(body).toMatchObject({
      type: 'startup.profile-published',
      timestamp: '2019-10-02T08:00:00.000Z',
      data: { sequence: 17 },
    })
  })
})

describe('scopes', () => {
  it('grant only what they name', () => {
    expect(hasScope(['feed:read'], 'feed:read')).toBe(true)
    expect(hasScope(['feed:read'], 'subscriptions:write')).toBe(false)
  })
})
