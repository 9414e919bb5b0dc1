import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { queryAll } from '../../../functions/shared/query-all.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'

describe('queryAll', () => {
  let tables: TestTables
  beforeAll(async () => {
    tables = await createTestTables()
    const items = Array.from({ length: 23 }, (_, i) => ({
      pk: 'many',
      sk: String(i).padStart(3, '0'),
      n: i,
    }))
    for (let i = 0; i < items.length; i += 25) {
      const chunk = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }))
      await tables.doc.send(
        new BatchWriteCommand({ RequestItems: { [tables.names.partners]: chunk } }),
      )
    }
  })

  it('follows every page to the end, in key order, parsing each item', async () => {
    const found = await queryAll(
      tables.doc,
      {
        TableName: tables.names.partners,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'many' },
        Limit: 4, // pages of 4: six round trips
      },
      (item) => Number(item.n),
    )
    expect(found).toEqual(Array.from({ length: 23 }, (_, i) => i))
  })

  it('finds nothing in an empty partition', async () => {
    const none = await queryAll(
      tables.doc,
      {
        TableName: tables.names.partners,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'none' },
      },
      (item) => item,
    )
    expect(none).toEqual([])
  })
})
