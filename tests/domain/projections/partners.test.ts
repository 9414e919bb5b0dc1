import { describe, expect, it } from 'vitest'
import {
  editionPartnerDoc,
  partnerDoc,
  partnersProjection,
} from '../../../domain/projections/index.js'
import type { DomainEvent } from '../../../domain/events/index.js'
import { collectionOf, feedOf, project } from './feed.js'
import { story } from './scenario.js'

describe('partners projection', () => {
  const docs = project(partnersProjection, story)

  it('given the story, keeps the programme’s partners and the editions they joined', () => {
    expect(partnerDoc.parse(docs.get('partners/region-sud'))).toEqual({
      partnerId: 'region-sud',
      name: 'Région Sud',
      kind: 'region',
      registeredAt: '2019-09-01T10:00:00+02:00',
      editions: [
        {
          editionId: 'ces-2020',
          contribution: 'Stands in the Eureka Park pavilion',
          joinedAt: '2019-09-01T10:00:00+02:00',
        },
      ],
    })
  })

  it('knows a partner from its join alone when its registration has not arrived', () => {
    expect(partnerDoc.parse(docs.get('partners/nice-cote-d-azur'))).toMatchObject({
      name: "Métropole Nice Côte d'Azur",
      kind: 'metropolis',
      editions: [{ editionId: 'ces-2020' }],
    })
  })

  it('lists the edition’s partners in the edition’s own collection', () => {
    const edition = collectionOf(docs, 'partners#ces-2020')

    expect([...edition.keys()].sort()).toEqual(['nice-cote-d-azur', 'region-sud'])
    expect(editionPartnerDoc.parse(edition.get('region-sud'))).toEqual({
      partnerId: 'region-sud',
      editionId: 'ces-2020',
      name: 'Région Sud',
      kind: 'region',
      contribution: 'Stands in the Eureka Park pavilion',
      joinedAt: '2019-09-01T10:00:00+02:00',
    })
  })

  it('orders a partner’s editions by when it joined, then by id, whatever came first', () => {
    const at = '2019-09-01T10:00:00+02:00'
    const joined = (editionId: string): [DomainEvent, string] => [{ type: 'partner.joined', data: {
      partnerId: 'region-sud', editionId, name: 'Région Sud', kind: 'region',
      contribution: 'Stands',
    } }, at]
    const orders = [['ces-2020', 'mwc-2020'], ['mwc-2020', 'ces-2020']]

    const editions = orders.map((ids) => project(partnersProjection, feedOf(ids.map(joined))))
      .map((docs) => partnerDoc.parse(docs.get('partners/region-sud')).editions)

    expect(editions[0]!.map((edition) => edition.editionId)).toEqual(['ces-2020', 'mwc-2020'])
    expect(editions[1]).toEqual(editions[0])
  })
})
