import { z } from 'zod'
import { isoDateTime } from '../events/index.js'

/**
 * The type of a test event: a webhook a partner sends itself to check an endpoint before
 * real events flow (the portal's "Send a test event"). Not a fact of the programme: it is
 * in no stream and no Feed, matches no filter and is never retried, and its body carries
 * nothing but which subscription asked and when.
 */
export const testEventType = 'subscription.tested'

/** Why a test event exists, in the contract's words. */
export const testEventSummary =
  'A test event, sent once when the partner asks (the portal, or `POST /subscriptions/{id}/test`), ' +
  'signed like every webhook, so an endpoint can be checked before real events flow. It is never ' +
  'retried, matches no filter, and holds no programme data.'

/** A test event's body, as Standard Webhooks lays one out: `{ type, timestamp, data }`. */
export const testEventBodySchema = z.object({
  type: z.literal(testEventType),
  timestamp: isoDateTime.describe('When the test was asked for'),
  data: z.object({
    subscriptionId: z.string().describe('The subscription the test was sent to'),
    testId: z.string().describe('This test: the `webhook-id` is derived from it'),
  }),
})
export type TestEventBody = z.infer<typeof testEventBodySchema>

/**
 * The body of one test event.
 *
 * @example JSON.stringify(testEventBody('sub-1', 'tst_1', '2020-01-07T08:00:00.000Z'))
 */
export const testEventBody = (
  subscriptionId: string,
  testId: string,
  timestamp: string,
): TestEventBody => ({
  type: testEventType,
  timestamp,
  data: { subscriptionId, testId },
})
