import { describe, expect, it } from 'vitest'
import {
  type RegisterPartner,
  partnerCommand,
  partnerDecider,
  partnerStreamId,
} from '../../../domain/partner/index.js'
import { spec } from '../given-when-then.js'

const { given } = spec(partnerDecider)

const register: RegisterPartner = {
  type: 'RegisterPartner',
  partnerId: 'cci-aix-marseille-provence',
  name: 'CCI Aix-Marseille-Provence',
  kind: 'chamber-of-commerce',
  now: '2019-06-01T09:00:00+02:00',
}
const registered = {
  type: 'partner.registered',
  data: { partnerId: register.partnerId, name: register.name, kind: register.kind },
} as const

describe('RegisterPartner', () => {
  it('registers a partner', () => {
    given([]).when(register).then([registered])
  })

  it('refuses a partner registered already', () => {
    given([registered])
      .when(register)
      .thenThrows({
        code: 'partner-already-registered',
        kind: 'conflict',
        details: { partnerId: 'cci-aix-marseille-provence' },
      })
  })

  it('parses only known partner kinds', () => {
    expect(partnerCommand.parse(register)).toEqual(register)
    expect(partnerCommand.safeParse({ ...register, kind: 'bank' }).success).toBe(false)
  })

  it('names the partner stream', () => {
    expect(partnerStreamId('tpm')).toBe('partner-tpm')
  })
})
