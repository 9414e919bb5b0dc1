import { describe, expect, it } from 'vitest'
import {
  type RegisterStartup,
  registerStartupCommand,
  startupDecider,
  startupStreamId,
} from '../../../domain/startup/index.js'
import { spec } from '../given-when-then.js'

const { given } = spec(startupDecider)

const register = (overrides: Partial<RegisterStartup> = {}): RegisterStartup => ({
  type: 'RegisterStartup',
  startupId: '01JCALANQUES',
  name: 'Calanques Tech',
  siret: '73282932000074',
  city: 'Marseille',
  territory: 'aix-marseille-provence',
  website: 'https://calanques.example',
  themes: ['environment'],
  description: 'Solar desalination for islands.',
  contact: { name: 'Inès Martin', email: 'ines@calanques.example', phone: '+33 4 91 00 00 00' },
  now: '2019-09-01T10:00:00+02:00',
  ...overrides,
})

const registered = (overrides: Partial<RegisterStartup> = {}) => {
  const { type: _type, now: _now, ...data } = register(overrides)
  return { type: 'startup.registered', data: { ...data, language: data.language ?? 'fr' } } as const
}

describe('RegisterStartup', () => {
  it('registers a start-up', () => {
    given([]).when(register()).then([registered()])
  })

  it('records the language of the form, French when it is not given', () => {
    given([]).when(register({ language: 'en' })).then([registered({ language: 'en' })])
    const { language: _language, ...withoutLanguage } = register()
    given([]).when(withoutLanguage).then([registered({ language: 'fr' })])
  })

  it('registers a La Poste establishment whose SIRET fails Luhn', () => {
    const siret = '35600000052135'
    given([]).when(register({ siret })).then([registered({ siret })])
  })

  it('refuses a start-up registered already', () => {
    given([registered()])
      .when(register())
      .thenThrows({
        code: 'startup-already-registered',
        kind: 'conflict',
        details: { startupId: '01JCALANQUES' },
      })
  })

  it('refuses a SIRET whose checksum does not match', () => {
    given([])
      .when(register({ siret: '73282932000075' }))
      .thenThrows({ code: 'invalid-siret', kind: 'invalid', details: { siret: '73282932000075' } })
  })

  it('parses only published territories', () => {
    expect(registerStartupCommand.parse(register())).toEqual(register())
    const elsewhere = { ...register(), territory: 'grand-paris' }
    expect(registerStartupCommand.safeParse(elsewhere).success).toBe(false)
  })

  it('names the start-up stream and starts absent', () => {
    expect(startupStreamId('01JCALANQUES')).toBe('startup-01JCALANQUES')
    expect(startupDecider.initialState).toEqual({
      status: 'absent',
      siret: null,
      contactEmails: [],
      disownedEmails: [],
      profile: null,
      description: null,
      contactLanguage: 'fr',
      published: null,
    })
  })
})
