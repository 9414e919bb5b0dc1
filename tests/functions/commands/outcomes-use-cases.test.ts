import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isRuleViolation } from '../../../domain/shared/errors.js'
import type { CommandContext } from '../../../functions/commands/command-context.js'
import { StaffOnlyError } from '../../../functions/commands/errors.js'
import { handleCommand } from '../../../functions/commands/handle-command.js'
import { recordOutcomes, reportOwnOutcomes } from '../../../functions/commands/outcomes.js'
import { recordExportFigures } from '../../../functions/commands/team-sud-export.js'
import { createEventSourcing } from '../../../functions/store/event-sourcing.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from '../http/api-harness.js'
import { nodeServer } from '../http/transports.js'

/**
 * The outcomes use cases through handleCommand alone (no HTTP), on DynamoDB Local: the
 * membership a report is decided on is checked unchanged by its append.
 */
const figures = {
  businessContacts: 20,
  dealsSigned: 0,
  dealsValueBand: null,
  fundsRaisedEur: 150_000,
  pressArticles: 1,
  jobsCreated: 0,
  jobsPlanned: 1,
}

const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: { kind: 'staff', subject: 'ops', roles: ['admin'] },
  now: new Date('2020-02-03T09:00:00Z'),
  correlationId: 'outcomes-use-cases',
  ...overrides,
})

describe('outcomes use cases', () => {
  const transport = nodeServer()
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let sirets = 0

  /** A member of CES 2020 (selected through the API), with its token. */
  const member = async () => {
    const applied = await api.public('POST', '/editions/ces-2020/applications', applicationBody(validSiret(66_000_000 + ++sirets)))
    const body = applied.json()
    expect((await api.admin('POST', `/applications/${body.applicationId}/decision`, { decision: 'selected' })).status).toBe(200)
    return body as { applicationId: string; startupId: string; withdrawalToken: string }
  }

  /** The write side's ports on the harness's tables, its append seen through `wrap`. */
  const writeSide = (wrap: (append: EventStore['append']) => EventStore['append'] = (append) => append) => {
    const { store, aggregates } = createEventSourcing({ doc: harness.tables.doc, tables: harness.tables.names, personalData: harness.personalData })
    const wrapped: EventStore = { ...store, append: wrap((appends, options) => store.append(appends, options)) }
    return { store: wrapped, aggregates }
  }

  beforeAll(async () => {
    harness = await apiHarness({ now: () => new Date('2019-09-01T10:00:00Z') })
    api = client(await transport.start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
  })
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  it('decides again when the member withdraws between its read and the report’s append, and refuses', async () => {
    const { applicationId, startupId, withdrawalToken } = await member()
    let raced = false
    const deps = writeSide((append) => async (appends, options) => {
      if (!raced && appends.some((one) => one.streamId.startsWith('outcomes-'))) {
        raced = true
        // The start-up leaves the delegation after the report read its application.
        const left = await api.public('POST', `/applications/${applicationId}/withdrawal`, { token: withdrawalToken })
        expect(left.status).toBe(200)
      }
      return append(appends, options)
    })
    const useCase = await reportOwnOutcomes(deps, { applicationId, token: withdrawalToken, report: figures }, context({ actor: { kind: 'public' } }))

    const refused = await handleCommand(deps, useCase, context()).catch((error: unknown) => error)
    expect(raced).toBe(true)
    expect(isRuleViolation(refused, 'not-a-delegation-member')).toBe(true)
    expect(await harness.store.streamVersion(`outcomes-ces-2020.${startupId}`)).toBe(0)
  })

  it('numbers each report of a member from the last one, whoever sends it', async () => {
    const { applicationId, startupId, withdrawalToken } = await member()
    const deps = writeSide()
    const ownReport = () => reportOwnOutcomes(deps, { applicationId, token: withdrawalToken, report: figures }, context({ actor: { kind: 'public' } }))
    const byStartup = await handleCommand(deps, await ownReport(), context({ actor: { kind: 'public' } }))
    const byStaff = await handleCommand(deps, recordOutcomes(deps, { editionId: 'ces-2020', startupId, report: { ...figures, jobsCreated: 2 } }, context()), context())
    const again = await handleCommand(deps, await ownReport(), context({ actor: { kind: 'public' } }))
    expect([byStartup, byStaff, again].map(({ result, version }) => [result.revision, version])).toEqual([[1, 1], [2, 2], [3, 3]])
  })

  it('refuses a report for a member from anyone but staff on the staff use case', () => {
    const deps = writeSide()
    expect(() => recordOutcomes(deps, { editionId: 'ces-2020', startupId: 'x', report: figures }, context({ actor: { kind: 'public' } }))).toThrow(StaffOnlyError)
  })

  it('records Team Sud Export’s figures on the stream of their kind and year, and refuses a period not over', async () => {
    const deps = writeSide()
    const support = { type: 'RecordSupport' as const, recordId: 'support-2020-01', period: { from: '2020-01-01', to: '2020-01-31' }, rows: [{ territory: 'grand-avignon' as const, companies: 4 }] }
    const handled = await handleCommand(deps, recordExportFigures(support, context()), context())
    expect(handled).toMatchObject({ result: { recordId: 'support-2020-01', kind: 'support', year: 2020 }, version: 1, replayed: false })
    expect(await harness.store.streamVersion('team-sud-export-support-2020')).toBe(1)
    const early = { ...support, recordId: 'support-2020-02', period: { from: '2020-02-01', to: '2020-02-29' } }
    const refused = await handleCommand(deps, recordExportFigures(early, context()), context()).catch((error: unknown) => error)
    expect(isRuleViolation(refused, 'export-period-not-over')).toBe(true)
  })
})
