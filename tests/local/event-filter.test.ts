import type { DynamoDBRecord } from 'aws-lambda'
import { beforeAll, describe, expect, it } from 'vitest'
import { feedEventsOnly, feedWakeUps } from '../../functions/feed/feed-stream.js'
import { createIndexer } from '../../functions/indexer/indexer.js'
import type { FilterPattern, FilterRule } from '../../functions/shared/stream-source.js'
import { createDynamoEventStore } from '../../functions/store/dynamo-event-store.js'
import { matchesFilters } from '../../local/event-filter.js'
import { recordEdition } from '../functions/indexer/record-events.js'
import { createTestTables } from '../setup/test-tables.js'
import { testVault } from '../setup/test-vault.js'
import { captureStream } from './stream-capture.js'
import { pagePrefix } from '../../functions/feed/feed-layout.js'

// The DynamoDB stream record of AWS's own example (Lambda developer guide, "Using event
// filtering with a DynamoDB event source"), as Lambda delivers it.
const customer: DynamoDBRecord = {
  eventID: '1',
  eventName: 'INSERT',
  eventVersion: '1.0',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    ApproximateCreationDateTime: 1678831218,
    Keys: { CustomerName: { S: 'AnyCompany Industries' } },
    NewImage: {
      AccountManager: { S: 'Pat Candella' },
      PaymentTerms: { S: '60 days' },
      CustomerName: { S: 'AnyCompany Industries' },
      Tags: { SS: ['retail', 'emea'] },
    },
    SequenceNumber: '111',
    SizeBytes: 26,
    StreamViewType: 'NEW_IMAGE',
  },
}

const passes = (...filters: FilterPattern[]) => matchesFilters(filters, customer)
const image = (field: string, rules: FilterPattern[string]): FilterPattern => ({
  dynamodb: { NewImage: { [field]: rules } },
})

describe('Lambda event filtering, as npm start applies it (local/event-filter.ts)', () => {
  it('matches exact values on the keys and the new image, character for character', () => {
    expect(passes({ dynamodb: { Keys: { CustomerName: { S: ['AnyCompany Industries'] } } } })).toBe(
      true,
    )
    expect(passes({ dynamodb: { Keys: { CustomerName: { S: ['anycompany industries'] } } } })).toBe(
      false,
    )
    expect(passes(image('PaymentTerms', { S: ['30 days', '60 days'] }))).toBe(true) // OR within a field
    expect(
      passes({ eventName: ['INSERT'], ...image('AccountManager', { S: ['Pat Candella'] }) }),
    ).toBe(true)
    // AND across fields: every field named must match.
    expect(
      passes({ eventName: ['MODIFY'], ...image('AccountManager', { S: ['Pat Candella'] }) }),
    ).toBe(false)
    // A number matches a number only: DynamoDB JSON carries numbers as strings.
    expect(passes({ dynamodb: { SizeBytes: [26] } })).toBe(true)
    expect(passes({ dynamodb: { SizeBytes: ['26'] } })).toBe(false)
  })

  it('matches a prefix on strings only', () => {
    expect(
      passes({ dynamodb: { Keys: { CustomerName: { S: [{ prefix: 'AnyCompany' }] } } } }),
    ).toBe(true)
    expect(passes({ dynamodb: { Keys: { CustomerName: { S: [{ prefix: 'Example' }] } } } })).toBe(
      false,
    )
    expect(passes({ dynamodb: { SizeBytes: [{ prefix: '2' }] } })).toBe(false)
  })

  it('requires every field a pattern names, unless it asks that it does not exist', () => {
    expect(passes(image('Discount', { S: ['10%'] }))).toBe(false)
    expect(passes(image('Discount', { S: [{ exists: false }] }))).toBe(true)
    expect(passes(image('AccountManager', { S: [{ exists: true }] }))).toBe(true)
    expect(passes(image('AccountManager', { S: [{ exists: false }] }))).toBe(false)
    // Exists works on leaves, not on the objects above them (EventBridge).
    expect(passes(image('AccountManager', [{ exists: true }]))).toBe(false)
  })

  it('matches anything but listed values or a prefix, on a field that is there', () => {
    expect(passes(image('PaymentTerms', { S: [{ 'anything-but': ['30 days'] }] }))).toBe(true)
    expect(passes(image('PaymentTerms', { S: [{ 'anything-but': '60 days' }] }))).toBe(false)
    expect(passes(image('PaymentTerms', { S: [{ 'anything-but': { prefix: '60' } }] }))).toBe(false)
    expect(passes(image('Discount', { S: [{ 'anything-but': ['10%'] }] }))).toBe(false)
  })

  it('matches an array of the record when one of its elements matches', () => {
    expect(passes(image('Tags', { SS: ['emea'] }))).toBe(true)
    expect(passes(image('Tags', { SS: ['apac'] }))).toBe(false)
    expect(passes(image('Tags', { SS: [{ prefix: 're' }] }))).toBe(true)
  })

  it('lets a record through when any one filter matches, and every record when there is none', () => {
    const other = { dynamodb: { Keys: { CustomerName: { S: ['Example Corp'] } } } }
    expect(passes(other)).toBe(false)
    expect(passes(other, image('PaymentTerms', { S: ['60 days'] }))).toBe(true)
    expect(passes()).toBe(true)
  })

  it('refuses a rule it does not implement rather than guess', () => {
    // EventBridge rules outside FilterRule, as a pattern written by hand could hold them.
    const unimplemented = (rule: object) => rule as FilterRule
    expect(() =>
      passes({ dynamodb: { SizeBytes: [unimplemented({ numeric: ['>', 10] })] } }),
    ).toThrow(/Unsupported/)
    expect(() => passes(image('Tags', { SS: [unimplemented({ suffix: 'a' })] }))).toThrow(
      /Unsupported/,
    )
  })
})

describe('the Feed stream’s filter, on records recorded from DynamoDB Local', () => {
  let feedRecords: DynamoDBRecord[]
  let indexed: number

  beforeAll(async () => {
    // Prepare: events appended through the event store, indexed by the real indexer one
    // record at a time (so the head and the cursors are written, then updated), then the
    // Feed table's stream as DynamoDB Local recorded it.
    const { names, doc, client, endpoint } = await createTestTables()
    const store = createDynamoEventStore({
      doc,
      tables: names,
      personalData: testVault({ doc, names }),
    })
    const recorded = [
      ...(await recordEdition(store, 'ces-2020', 2)),
      ...(await recordEdition(store, 'vivatech-2020', 1)),
    ]
    const eventRecords = await captureStream(client, endpoint, names.events)
    const indexer = createIndexer({ doc, tables: names })
    for (const record of eventRecords) {
      expect((await indexer({ Records: [record] })).batchItemFailures).toEqual([])
    }
    indexed = recorded.length
    feedRecords = await captureStream(client, endpoint, names.feed)
  })

  const pk = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S ?? ''

  it('lets the Feed’s event items through, each once', () => {
    const passing = feedRecords.filter((record) => matchesFilters(feedWakeUps.filters, record))
    expect(passing).toHaveLength(indexed)
    expect(
      passing.every((record) => record.eventName === 'INSERT' && pk(record).startsWith(pagePrefix)),
    ).toBe(true)
    expect(passing.map((record) => Number(record.dynamodb?.Keys?.sk?.N))).toEqual(
      Array.from({ length: indexed }, (_, i) => i + 1),
    )
  })

  it('stops the head and the per-stream cursors, written and updated', () => {
    const stopped = feedRecords.filter((record) => !matchesFilters([feedEventsOnly], record))
    const kinds = new Set(
      stopped.map(
        (record) =>
          `${record.eventName} ${pk(record) === 'head' ? 'head' : pk(record).replace(/#.*/, '#…')}`,
      ),
    )
    expect([...kinds].sort()).toEqual([
      'INSERT head',
      'INSERT stream#…',
      'MODIFY head',
      'MODIFY stream#…',
    ])
    expect(stopped.length + indexed).toBe(feedRecords.length)
  })
})
