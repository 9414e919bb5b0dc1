import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { cursorKey, headKey, pageKey } from '../../functions/feed/feed-layout.js'
import { feedWakeUps } from '../../functions/feed/feed-stream.js'
import { indexerStream } from '../../functions/indexer/stream-source.js'
import type { StreamSource } from '../../functions/shared/stream-source.js'
import { createDelegationSudApp } from '../../infra/stack.js'
import { tables } from '../../functions/shared/tables.js'
import { consumers as localConsumers } from '../../local/lambda-entries.js'

// One synthesis for the file (dev): it bundles the six handlers.
const { stack } = createDelegationSudApp({
  context: { stage: 'dev' },
  builtinCloudFormationValidation: false,
})
const template = Template.fromStack(stack)
const id = (construct: { node: { defaultChild?: unknown } }) =>
  stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
const { projections, webhooks, eventStore, readModels } = stack

const mappingOf = (fn: { node: { defaultChild?: unknown } }) => {
  const found = template.findResources('AWS::Lambda::EventSourceMapping', {
    Properties: { FunctionName: { Ref: id(fn) } },
  })
  const all = Object.values(found)
  expect(all).toHaveLength(1)
  return all[0]?.Properties
}

const consumers = {
  indexer: projections.indexer,
  projector: projections.projector,
  dispatcher: webhooks.dispatcher,
}

/** What an event source mapping deploys of a stream source, in CloudFormation's terms. */
const deployed = (stream: StreamSource) => ({
  StartingPosition: stream.startingPosition,
  BatchSize: stream.batchSize,
  MaximumBatchingWindowInSeconds: stream.maxBatchingWindowSeconds,
  ParallelizationFactor: stream.parallelizationFactor,
  MaximumRetryAttempts: stream.retryAttempts,
  MaximumRecordAgeInSeconds: stream.maxRecordAgeSeconds,
})

describe('stream sources: one definition for CDK and npm start', () => {
  const streams = { indexer: indexerStream, projector: feedWakeUps, dispatcher: feedWakeUps }
  const modules = {
    indexer: '../functions/indexer/lambda.js',
    projector: '../functions/projector/lambda.js',
    dispatcher: '../functions/webhooks/dispatch/lambda.js',
  }

  it.each(['indexer', 'projector', 'dispatcher'] as const)(
    'the %s’s mapping deploys its stream source, and npm start polls with the same object',
    (name) => {
      const stream = streams[name]
      const mapping = mappingOf(consumers[name].fn)
      expect(mapping).toMatchObject(deployed(stream))
      const source = { events: eventStore.events, feed: readModels.feed }[
        stream.table as 'events' | 'feed'
      ]
      expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [id(source.table), 'StreamArn'] })
      const patterns = (mapping.FilterCriteria?.Filters ?? []).map((f: { Pattern: string }) =>
        JSON.parse(f.Pattern),
      )
      expect(patterns).toEqual(stream.filters)
      // The local runtime's line for this Lambda: the very object, not a copy of its values.
      expect(localConsumers.find((consumer) => consumer.module === modules[name])?.stream).toBe(
        stream,
      )
    },
  )

  it('npm start polls exactly the streams AWS maps', () => {
    expect(localConsumers.map((consumer) => consumer.module).sort()).toEqual(
      Object.values(modules).sort(),
    )
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', localConsumers.length)
  })
})

describe('stream consumers', () => {
  it('the Events stream feeds the indexer and nothing else', () => {
    const eventsStream = { 'Fn::GetAtt': [id(eventStore.events.table), 'StreamArn'] }
    const onEvents = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { EventSourceArn: eventsStream },
    })
    expect(Object.values(onEvents).map((m) => m.Properties.FunctionName)).toEqual([
      { Ref: id(projections.indexer.fn) },
    ])
  })

  it('the indexer keeps order and states its failure policy', () => {
    expect(mappingOf(projections.indexer.fn)).toEqual({
      EventSourceArn: { 'Fn::GetAtt': [id(eventStore.events.table), 'StreamArn'] },
      FunctionName: { Ref: id(projections.indexer.fn) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 3600,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [id(projections.indexer.onFailure), 'Arn'] } },
      },
      Tags: expect.any(Array),
    })
  })

  it.each(['projector', 'dispatcher'] as const)(
    'the %s reads only the Feed event pages, with a bounded failure policy',
    (name) => {
      const consumer = consumers[name]
      const mapping = mappingOf(consumer.fn)
      expect(mapping).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': [id(readModels.feed.table), 'StreamArn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        ParallelizationFactor: 1,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [id(consumer.onFailure), 'Arn'] } },
        },
      })
      expect(mapping.MaximumRetryAttempts).toBeGreaterThan(0)
      expect(mapping.MaximumRetryAttempts).toBeLessThanOrEqual(10)
      expect(mapping.MaximumRecordAgeInSeconds).toBeGreaterThan(0)
      const patterns = mapping.FilterCriteria.Filters.map((f: { Pattern: string }) =>
        JSON.parse(f.Pattern),
      )
      const pk = tables.feed.partitionKey.name
      expect(patterns).toEqual([{ dynamodb: { Keys: { [pk]: { S: [{ prefix: 'page#' }] } } } }])
    },
  )

  it("the filter's prefix is the Feed layout's: event pages pass, bookkeeping does not", () => {
    const prefix = 'page#'
    expect(pageKey(0).startsWith(prefix)).toBe(true)
    expect(pageKey(1234).startsWith(prefix)).toBe(true)
    expect(headKey.pk.startsWith(prefix)).toBe(false)
    expect(cursorKey('edition-ces-2020').pk.startsWith(prefix)).toBe(false)
  })

  it('no more than two functions read the Feed stream (DynamoDB throttles a third)', () => {
    const onFeed = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { EventSourceArn: { 'Fn::GetAtt': [id(readModels.feed.table), 'StreamArn'] } },
    })
    expect(Object.keys(onFeed)).toHaveLength(2)
  })

  it('each on-failure queue is encrypted, refuses plain HTTP and keeps messages 14 days', () => {
    for (const { onFailure } of Object.values(consumers)) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      })
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id(onFailure) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      })
    }
  })
})

describe('schedules', () => {
  it('runs the deliverer and the notifier, and the projector and dispatcher as a backstop, every minute', () => {
    const { projector, dispatcher } = consumers
    const { deliverer } = webhooks
    const { notifier } = stack.notifications
    for (const fn of [deliverer.fn, notifier.fn, projector.fn, dispatcher.fn]) {
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 minute)',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [id(fn), 'Arn'] } })],
      })
      // The next tick redoes the work: no retries piling up behind it.
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: id(fn) },
        MaximumRetryAttempts: 0,
      })
    }
    // And the daily retention job (tests/infra/personal-data.test.ts) and SES's returns to
    // the notifier (tests/infra/notifications.test.ts).
    template.resourceCountIs('AWS::Events::Rule', 6)
  })

  it('gives the rebuild the longest timeout and no trigger', () => {
    const { rebuild } = projections
    const fn = template.findResources('AWS::Lambda::Function')[id(rebuild.fn)]
    expect(fn?.Properties.Timeout).toBe(900)
    const triggers = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionName: { Ref: id(rebuild.fn) } },
    })
    expect(Object.keys(triggers)).toHaveLength(0)
  })
})
