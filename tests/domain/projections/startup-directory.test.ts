import { describe, expect, it } from 'vitest'
import {
  startupDirectoryProjection,
  startupDoc,
  startupIndexEntry,
} from '../../../domain/projections/index.js'
import type { DomainEvent } from '../../../domain/events/index.js'
import { collectionOf, feedOf, fold, project } from './feed.js'
import { applicants, awardWon, contact, registered, story, submitted } from './scenario.js'

describe('start-up directory projection', () => {
  const docs = project(startupDirectoryProjection, story)

  it('given the story, writes a page per start-up with its record in the programme', () => {
    expect(startupDoc.parse(docs.get('startups/s1'))).toEqual({
      startupId: 's1',
      registered: true,
      name: 'Calanques Tech',
      city: 'Marseille',
      territory: 'aix-marseille-provence',
      themes: ['environment', 'maritime'],
      website: 'https://startup-1.example',
      registeredAt: '2019-07-01T10:00:00+02:00',
      applications: {
        'a1-ces-2020': {
          applicationId: 'a1-ces-2020',
          editionId: 'ces-2020',
          status: 'selected',
          submittedAt: '2019-07-01T10:00:00+02:00',
          decidedAt: '2019-10-20T10:00:00+02:00',
        },
      },
      editionsApplied: ['ces-2020'],
      editionsSelected: ['ces-2020'],
      awards: [
        {
          awardId: 'award-1',
          editionId: 'ces-2020',
          award: 'best-of-innovation',
          category: 'Sustainability, Eco-Design & Smart Energy',
          wonAt: '2020-01-06T18:00:00-08:00',
        },
      ],
    })
  })

  it('completes a page begun by an application that arrived before the registration', () => {
    const page = startupDoc.parse(docs.get('startups/s2'))

    expect(page).toMatchObject({
      registered: true,
      city: 'Nice',
      website: 'https://startup-2.example',
    })
    expect(page.editionsApplied).toEqual(['ces-2020'])
    expect(page.editionsSelected).toEqual([])
  })

  it('stands in with the application’s snapshot until the registration arrives', () => {
    const alone = project(startupDirectoryProjection, feedOf([submitted(applicants[2]!)]))

    expect(startupDoc.parse(alone.get('startups/s3'))).toMatchObject({
      registered: false,
      name: 'Rade Énergie',
      territory: 'toulon-provence-mediterranee',
      editionsApplied: ['ces-2020'],
    })
  })

  it('indexes the start-ups by territory, by theme and by edition', () => {
    const ids = (collection: string) => [...collectionOf(docs, collection).keys()].sort()

    expect(ids('startups-by-territory#aix-marseille-provence')).toEqual(['s1'])
    expect(ids('startups-by-territory#sophia-antipolis')).toEqual(['s4'])
    expect(ids('startups-by-theme#environment')).toEqual(['s1', 's3'])
    expect(ids('startups-by-theme#ai')).toEqual(['s4'])
    expect(ids('startups-by-edition#ces-2020')).toEqual(['s1', 's2', 's3', 's4'])
  })

  it('keeps each start-up’s status in the edition’s index', () => {
    const entries = collectionOf(docs, 'startups-by-edition#ces-2020')

    expect(startupIndexEntry.parse(entries.get('s1'))).toEqual({
      startupId: 's1',
      name: 'Calanques Tech',
      status: 'selected',
    })
    expect(startupIndexEntry.parse(entries.get('s3')).status).toBe('rejected')
  })

  it('shows staff’s correction and recovery of a profile, in every index the start-up moves to', () => {
    const corrected: DomainEvent = {
      type: 'startup.profile-corrected',
      data: { startupId: 's1', website: 'https://calanques.example', themes: ['water'], reason: 'New website' },
    }
    const recovered: DomainEvent = {
      type: 'startup.recovered',
      data: {
        startupId: 's1',
        name: 'Calanques Technologies',
        city: 'Avignon',
        territory: 'grand-avignon',
        website: 'https://calanques-tech.example',
        themes: ['water'],
        description: 'Solar desalination.',
        contact,
        language: 'fr',
        reason: 'Registered first by someone else',
      },
    }
    const once = project(startupDirectoryProjection, feedOf([registered(applicants[0]!), corrected]))
    expect(startupDoc.parse(once.get('startups/s1'))).toMatchObject({
      name: 'Calanques Tech',
      territory: 'aix-marseille-provence',
      website: 'https://calanques.example',
      themes: ['water'],
    })
    expect([...collectionOf(once, 'startups-by-theme#water').keys()]).toEqual(['s1'])

    const back = project(startupDirectoryProjection, feedOf([registered(applicants[0]!), corrected, recovered]))
    expect(startupDoc.parse(back.get('startups/s1'))).toMatchObject({
      name: 'Calanques Technologies',
      city: 'Avignon',
      territory: 'grand-avignon',
      website: 'https://calanques-tech.example',
    })
    expect(startupIndexEntry.parse(collectionOf(back, 'startups-by-territory#grand-avignon').get('s1'))).toEqual({
      startupId: 's1',
      name: 'Calanques Technologies',
    })
  })

  it('hides a page known only from an award until the start-up says who it is', () => {
    const award = awardWon(1, 'award-1')

    expect(fold(startupDirectoryProjection, feedOf([award])).get('startups/s1')?.hidden).toBe(true)
    const page = project(startupDirectoryProjection, feedOf([award, registered(applicants[0]!)]))
    expect(startupDoc.parse(page.get('startups/s1'))).toMatchObject({
      name: 'Calanques Tech', awards: [{ awardId: 'award-1' }],
    })
  })

  it('lists awards by when they were won, whichever edition’s stream came first', () => {
    const won = (awardId: string, editionId: string): DomainEvent =>
      ({ type: 'award.won', data: { awardId, editionId, startupId: 's1', award: 'honoree',
        category: 'Artificial Intelligence' } })
    const events = feedOf([
      registered(applicants[0]!),
      [won('late', 'ces-2021'), '2021-01-07T10:00:00Z'],
      [won('b-tie', 'mwc-2020'), '2020-01-07T19:00:00+01:00'],
      [won('a-tie', 'ces-2020'), '2020-01-07T10:00:00-08:00'], // the same instant as b-tie
    ])

    const page = startupDoc.parse(project(startupDirectoryProjection, events).get('startups/s1'))

    expect(page.awards.map((award) => award.awardId)).toEqual(['a-tie', 'b-tie', 'late'])
  })
})
