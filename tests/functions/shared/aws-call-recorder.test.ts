import { describe, expect, it } from 'vitest'
import { iamRequestsOf } from '../../../functions/shared/aws-call-recorder.js'
import { asFunction, runningFunction } from '../../../functions/shared/function-scope.js'

describe('the IAM requests an SDK call makes', () => {
  it('counts each transaction item as its own action on its own table', () => {
    const input = {
      TransactItems: [
        { Put: { TableName: 'Events' } },
        { ConditionCheck: { TableName: 'Guards' } },
        { Update: { TableName: 'Guards' } },
        { Delete: { TableName: 'Keys' } },
      ],
    }
    expect(iamRequestsOf('dynamodb', 'TransactWriteItems', input)).toEqual([
      { action: 'dynamodb:PutItem', table: 'Events' },
      { action: 'dynamodb:ConditionCheckItem', table: 'Guards' },
      { action: 'dynamodb:UpdateItem', table: 'Guards' },
      { action: 'dynamodb:DeleteItem', table: 'Keys' },
    ])
  })

  it('names the index a query reads, and each table of a batch', () => {
    expect(iamRequestsOf('dynamodb', 'Query', { TableName: 'Keys', IndexName: 'byEmail' })).toEqual([
      { action: 'dynamodb:Query', table: 'Keys', index: 'byEmail' },
    ])
    expect(iamRequestsOf('dynamodb', 'BatchWriteItem', { RequestItems: { ReadModels: [], Feed: [] } })).toEqual([
      { action: 'dynamodb:BatchWriteItem', table: 'ReadModels' },
      { action: 'dynamodb:BatchWriteItem', table: 'Feed' },
    ])
  })

  it('names the key of a KMS call', () => {
    expect(iamRequestsOf('kms', 'Decrypt', { KeyId: 'arn:aws:kms:eu-west-3:1:key/k', CiphertextBlob: 'x' })).toEqual([
      { action: 'kms:Decrypt', keyId: 'arn:aws:kms:eu-west-3:1:key/k' },
    ])
  })
})

describe('which function a call is made for', () => {
  it('is the outermost function running: the dispatcher posting deliveries is still the dispatcher', async () => {
    const deliver = asFunction('deliverer', async () => runningFunction())
    const dispatch = asFunction('dispatcher', async () => [runningFunction(), await deliver()])
    expect(await dispatch()).toEqual(['dispatcher', 'dispatcher'])
    expect(await deliver()).toBe('deliverer')
    expect(runningFunction()).toBeUndefined()
  })
})
