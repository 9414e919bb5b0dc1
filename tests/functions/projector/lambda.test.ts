import type { ScheduledEvent } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tableEnv } from '../../../functions/shared/table-names.js'
import { createTestTables } from '../../setup/test-tables.js'
import { sampleEvents, writeFeed } from '../feed/feed-fixtures.js'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('the projector and rebuild Lambda entries', () => {
  it('read their tables from the environment and run the domain projections', async () => {
    const { names, doc, endpoint } = await createTestTables()
    const env = { ...tableEnv(names), DYNAMODB_ENDPOINT: endpoint, POWERTOOLS_LOG_LEVEL: 'WARN' }
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
    await writeFeed(doc, names.feed, sampleEvents(40, 4))
    const projector = await import('../../../functions/projector/lambda.js')
    const rebuilder = await import('../../../functions/rebuild/lambda.js')

    expect(await projector.handler({ Records: [] })).toEqual({ batchItemFailures: [] })
    expect(await projector.handler({ source: 'aws.events' } as ScheduledEvent))
      .toMatchObject({ generation: 1, position: 40, events: 0, caughtUp: true })
    expect(await rebuilder.handler())
      .toMatchObject({ previous: 1, generation: 2, events: 40, position: 40 })
  })
})
