import { describe, expect, it } from 'vitest'
import { applicationCommand } from '../../../domain/application/index.js'
import { editionCommand } from '../../../domain/edition/index.js'
import {
  decideApplication,
  openEdition,
  submitApplication,
  withdrawApplication,
} from './fixtures.js'

describe('edition and application command schemas', () => {
  it('parse the commands the specs use', () => {
    expect(editionCommand.parse(openEdition())).toEqual(openEdition())
    for (const command of [
      submitApplication('app-1', 's1'),
      decideApplication('app-1', 'selected', 'Strong team'),
      withdrawApplication('app-1', 'staff'),
    ]) {
      expect(applicationCommand.parse(command)).toEqual(command)
    }
  })

  it('refuses an unknown command type', () => {
    const unknown = { ...openEdition(), type: 'DeleteEdition' }
    expect(editionCommand.safeParse(unknown).success).toBe(false)
  })

  it('refuses a command without its effective time', () => {
    const { now: _now, ...command } = openEdition()
    expect(editionCommand.safeParse(command).success).toBe(false)
  })

  it('refuses a decision that is neither selected nor rejected', () => {
    const command = { ...decideApplication('app-1', 'selected'), decision: 'maybe' }
    expect(applicationCommand.safeParse(command).success).toBe(false)
  })
})
