import { Readable } from 'node:stream'
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { createCognitoClient } from '../../functions/shared/cognito-client.js'

/** The pool the tests' API is given as `PARTNER_USER_POOL_ID`, shaped as Cognito's ids are. */
export const testUserPoolId = 'eu-west-3_Te5tPoo1s'

/** One request Cognito received, as it arrived on the wire. */
export interface CognitoRequest {
  readonly operation: string
  readonly input: Record<string, unknown>
}

interface WireRequest {
  readonly headers: Record<string, string>
  readonly body?: unknown
}

const reply = (statusCode: number, body: unknown) => ({
  response: {
    statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: Readable.from([Buffer.from(JSON.stringify(body))]),
  },
})
const refuse = (type: string, message: string) => reply(400, { __type: type, message })

interface User {
  readonly Username: string
  readonly Attributes: Array<{ Name: string; Value: string }>
  readonly UserCreateDate: number
  readonly UserStatus: string
  readonly Enabled: boolean
}

/**
 * Cognito user pools as the SDK meets them on the wire, in process, for the calls the API
 * makes of one pool: CreateGroup (GroupExistsException for a group it has), AdminCreateUser
 * (UsernameExistsException for an address it has), AdminAddUserToGroup, ListUsersInGroup
 * (ResourceNotFoundException for a group it has not). Another pool is ResourceNotFound.
 * Every request is kept in `requests`, so a test reads what the code sent; `throttle`
 * makes the next answer a TooManyRequestsException. Everything above the wire
 * (serialisation, the middleware stack, our call recorder) is the real SDK's.
 *
 * @example const { client, requests, groupsOf } = fakeCognito()
 */
export const fakeCognito = (): {
  client: CognitoIdentityProviderClient
  requests: CognitoRequest[]
  groupsOf(username: string): string[]
  throttleNext(): void
} => {
  const requests: CognitoRequest[] = []
  const groups = new Set<string>(['admin', 'reports', 'partner'])
  const users = new Map<string, User>()
  const members = new Map<string, Set<string>>()
  let throttled = false
  const handle = async ({ headers, body }: WireRequest) => {
    const operation = (headers['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '')
    const input = JSON.parse(String(body)) as Record<string, string | undefined>
    requests.push({ operation, input })
    if (throttled) {
      throttled = false
      return refuse('TooManyRequestsException', 'Too many requests')
    }
    if (input.UserPoolId !== testUserPoolId) return refuse('ResourceNotFoundException', 'User pool does not exist.')
    const group = input.GroupName ?? ''
    const username = (input.Username ?? '').toLowerCase()
    switch (operation) {
      case 'CreateGroup':
        if (groups.has(group)) return refuse('GroupExistsException', 'A group with the name already exists.')
        groups.add(group)
        return reply(200, { Group: { GroupName: group, UserPoolId: testUserPoolId } })
      case 'AdminCreateUser': {
        if (users.has(username)) return refuse('UsernameExistsException', 'An account with the given email already exists.')
        const attributes = (input.UserAttributes ?? []) as unknown as User['Attributes']
        const user = { Username: username, Attributes: attributes, UserCreateDate: 1_567_332_000, UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true }
        users.set(username, user)
        return reply(200, { User: user })
      }
      case 'AdminAddUserToGroup':
        if (!users.has(username)) return refuse('UserNotFoundException', 'User does not exist.')
        if (!groups.has(group)) return refuse('ResourceNotFoundException', 'Group not found.')
        members.set(username, new Set([...(members.get(username) ?? []), group]))
        return reply(200, {})
      case 'ListUsersInGroup': {
        if (!groups.has(group)) return refuse('ResourceNotFoundException', 'Group not found.')
        const inGroup = [...users.values()].filter((user) => members.get(user.Username)?.has(group))
        return reply(200, { Users: inGroup })
      }
      default:
        return refuse('InvalidParameterException', `Not served here: ${operation}`)
    }
  }
  const client = createCognitoClient({
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: { handle },
    maxAttempts: 1,
  })
  return {
    client,
    requests,
    groupsOf: (username) => [...(members.get(username.toLowerCase()) ?? [])],
    throttleNext: () => void (throttled = true),
  }
}
