import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import type { client } from '../http/api-harness.js'

type Api = ReturnType<typeof client>

interface Startup {
  readonly name: string
  readonly city: string
  readonly territory: string
  readonly themes: string[]
}

export const startups = {
  calanques: {
    name: 'Calanques Tech',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    themes: ['environment'],
  },
  sante: { name: 'Santé Azur', city: 'Nice', territory: 'nice-cote-d-azur', themes: ['health'] },
  // A name a spreadsheet would take for a formula.
  plus: {
    name: '+Plus Mobilité',
    city: 'Toulon',
    territory: 'toulon-provence-mediterranee',
    themes: ['mobility', 'environment'],
  },
  valbonne: {
    name: 'Valbonne IA',
    city: 'Valbonne',
    territory: 'sophia-antipolis',
    themes: ['ai'],
  },
} satisfies Record<string, Startup>

const ok = async (response: Promise<{ status: number; text: string; json(): any }>) => {
  const answer = await response
  if (answer.status >= 300) throw new Error(`${answer.status}: ${answer.text}`)
  return answer.json()
}

/**
 * CES 2019 (history recorded with occurredAt) and CES 2020 (live), told through the
 * command API as staff and start-ups would: applications, decisions, awards, partners.
 *
 * @example const ids = await recordTwoEditions(client(send, harness))
 */
export const recordTwoEditions = async (api: Api) => {
  const apply = async (editionId: string, key: keyof typeof startups, n: number, at?: string) => {
    const { name, city, territory, themes } = startups[key]
    const slug = key.toLowerCase()
    const body = applicationBody(validSiret(77_000_000 + n), {
      startup: {
        name,
        siret: validSiret(77_000_000 + n),
        city,
        territory,
        website: `https://${slug}.example`,
        themes,
        description: 'A start-up of the Région Sud.',
      },
      ...(at ? { occurredAt: at } : {}),
    })
    return ok(api.admin('POST', `/editions/${editionId}/applications`, body))
  }
  const decide = (applicationId: string, decision: string, at?: string) => {
    const body = { decision, ...(at ? { occurredAt: at } : {}) }
    return ok(api.admin('POST', `/applications/${applicationId}/decision`, body))
  }

  await ok(
    api.admin(
      'POST',
      '/editions',
      editionBody('ces-2019', {
        name: 'CES Las Vegas 2019',
        startsOn: '2019-01-08',
        endsOn: '2019-01-11',
        applicationDeadline: '2018-10-15T23:59:59+02:00',
        capacity: 70,
        occurredAt: '2018-06-01T09:00:00+02:00',
      }),
    ),
  )
  const past = await apply('ces-2019', 'calanques', 1, '2018-07-01T10:00:00+02:00')
  await decide(past.applicationId, 'selected', '2018-10-20T10:00:00+02:00')
  await ok(
    api.admin('POST', '/editions/ces-2019/awards', {
      startupId: past.startupId,
      award: 'honoree',
      category: 'Smart Cities',
      occurredAt: '2019-01-07T18:00:00-08:00',
    }),
  )
  await ok(
    api.admin('POST', '/editions/ces-2019/partners', {
      partnerId: 'region-sud',
      name: 'Région Sud',
      kind: 'region',
      contribution: 'Organises the delegation',
      occurredAt: '2018-06-02T09:00:00+02:00',
    }),
  )
  const closedAt = '2019-01-31T18:00:00+01:00'
  await ok(api.admin('POST', '/editions/ces-2019/close', { occurredAt: closedAt }))

  await ok(api.admin('POST', '/editions', editionBody('ces-2020')))
  const calanques = await apply('ces-2020', 'calanques', 1)
  const sante = await apply('ces-2020', 'sante', 2)
  const plus = await apply('ces-2020', 'plus', 3)
  const valbonne = await apply('ces-2020', 'valbonne', 4)
  await decide(calanques.applicationId, 'selected')
  await decide(plus.applicationId, 'selected')
  await decide(sante.applicationId, 'rejected')
  await ok(api.admin('POST', `/applications/${valbonne.applicationId}/withdrawal`, {}))
  await ok(
    api.admin('POST', '/editions/ces-2020/awards', {
      startupId: calanques.startupId,
      award: 'best-of-innovation',
      category: 'Sustainability, Eco-Design & Smart Energy',
    }),
  )
  for (const partner of [
    { partnerId: 'region-sud', contribution: 'Organises the delegation' },
    {
      partnerId: 'nice-cote-d-azur',
      name: "Métropole Nice Côte d'Azur",
      kind: 'metropolis',
      contribution: 'Co-funds stands',
    },
  ]) {
    await ok(api.admin('POST', '/editions/ces-2020/partners', partner))
  }
  return { calanques, sante, plus, valbonne }
}
