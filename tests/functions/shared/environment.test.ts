import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { dynamoEnvSchema } from '../../../functions/shared/dynamo-client.js'
import { commaList, flag } from '../../../functions/shared/environment.js'

describe('environment parsing', () => {
  const schema = z.object({ ON: flag, LIST: commaList })

  it('reads flags and comma lists, unset meaning off and empty', () => {
    expect(schema.parse({})).toEqual({ ON: false, LIST: [] })
    expect(schema.parse({ ON: 'true', LIST: ' a, b ,,c ' })).toEqual({
      ON: true,
      LIST: ['a', 'b', 'c'],
    })
    expect(() => schema.parse({ ON: 'yes' })).toThrow()
  })

  it('takes DynamoDB Local from DYNAMODB_ENDPOINT, and only a URL', () => {
    expect(dynamoEnvSchema.parse({})).toEqual({})
    expect(
      dynamoEnvSchema.parse({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', AWS_REGION: 'eu-west-3' }),
    ).toEqual({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', AWS_REGION: 'eu-west-3' })
    expect(() => dynamoEnvSchema.parse({ DYNAMODB_ENDPOINT: '127.0.0.1:8000' })).toThrow()
  })
})
