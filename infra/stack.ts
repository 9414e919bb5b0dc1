import { readFileSync } from 'node:fs'
import { App, Stack, Tags, Validations, type AppProps, type StackProps } from 'aws-cdk-lib'
import { AwsSolutionsChecks } from 'cdk-nag'
import type { Construct } from 'constructs'
import { z } from 'zod'
import { Api } from './constructs/api.js'
import { EventStore } from './constructs/event-store.js'
import { Monitoring } from './constructs/monitoring.js'
import { Notifications } from './constructs/notifications.js'
import { Partners } from './constructs/partners.js'
import { PersonalData } from './constructs/personal-data.js'
import { Projections } from './constructs/projections.js'
import { ReadModels } from './constructs/read-models.js'
import { Webhooks } from './constructs/webhooks.js'
import { stageConfigFromContext, type StageConfig } from './stage-config.js'

export interface DelegationSudStackProps extends StackProps {
  readonly config: StageConfig
}

/**
 * One stage of Délégation Sud: event store, read models, projections, the partners'
 * table and webhooks, the HTTP API, mail to applicants and the alarms.
 *
 * @example new DelegationSudStack(app, 'DelegationSud-dev', { config })
 */
export class DelegationSudStack extends Stack {
  readonly api: Api
  readonly eventStore: EventStore
  readonly readModels: ReadModels
  readonly projections: Projections
  readonly partners: Partners
  readonly webhooks: Webhooks
  readonly personalData: PersonalData
  readonly notifications: Notifications
  readonly monitoring: Monitoring

  constructor(scope: Construct, id: string, props: DelegationSudStackProps) {
    super(scope, id, props)
    const { config } = props
    this.eventStore = new EventStore(this, 'EventStore', { config })
    this.readModels = new ReadModels(this, 'ReadModels', { config })
    const { feed, readModels } = this.readModels
    this.partners = new Partners(this, 'Partners', { config })
    const partners = this.partners.table
    this.webhooks = new Webhooks(this, 'Webhooks', { config, feed, partners })
    this.projections = new Projections(this, 'Projections', {
      config,
      events: this.eventStore.events,
      feed,
      readModels,
    })
    this.personalData = new PersonalData(this, 'PersonalData', {
      config,
      eventStore: this.eventStore,
      readModels,
    })
    this.api = new Api(this, 'Api', {
      config,
      eventStore: this.eventStore,
      readModels: this.readModels,
      partners,
    })
    // The API seals registrations, exports and erases: the only other function that reads personal data.
    this.personalData.grantUse(this.api.handler)
    this.notifications = new Notifications(this, 'Notifications', {
      config,
      feed,
      events: this.eventStore.events,
      personalData: this.personalData,
      apiEndpoint: this.api.httpApi.apiEndpoint,
    })
    // Staff's view of an application's messages (GET /applications/{id}/messages) queries
    // the outbox's byApplication index, and reads nothing else of it.
    this.api.readOutbox(this.notifications.outbox)
    // Last: it looks for every function above.
    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      watch: this,
      httpApi: this.api.httpApi,
    })
    Tags.of(this).add('Project', 'delegation-sud')
    Tags.of(this).add('Stage', config.stage)
  }
}

// cdk.json's context (feature flags): the CLI passes it in, an App built in a test does not.
const cdkJson = z.object({ context: z.record(z.string(), z.unknown()).default({}) })
const projectContext = (): Record<string, unknown> =>
  cdkJson.parse(JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8'))).context

export interface DelegationSudAppOptions {
  /** Extra context, e.g. `{ stage: 'prod' }`, as `-c` would give it. */
  readonly context?: Record<string, unknown>
  readonly outdir?: string
  /**
   * CDK's own CloudFormation schema validation (default on, as in `cdk synth`). Unit tests
   * turn it off: it costs seconds per synthesis and `npm run synth` still runs it.
   */
  readonly builtinCloudFormationValidation?: boolean
}

/**
 * The CDK app: one stack for the stage chosen by context (`-c stage=prod`, default dev),
 * checked by cdk-nag's AwsSolutions rules at synth (an unacknowledged error fails it).
 *
 * @example const { app, stack } = createDelegationSudApp({ context: { stage: 'prod' } })
 */
export const createDelegationSudApp = (options: DelegationSudAppOptions = {}) => {
  const appProps: AppProps = {
    context: { ...projectContext(), ...options.context },
    builtinCloudFormationValidation: options.builtinCloudFormationValidation ?? true,
    ...(options.outdir ? { outdir: options.outdir } : {}),
  }
  const app = new App(appProps)
  const config = stageConfigFromContext(app.node)
  const stack = new DelegationSudStack(app, `DelegationSud-${config.stage}`, {
    config,
    description: `Délégation Sud (${config.stage}): event-sourced backend of the Région Sud ` +
      'start-up delegations',
    terminationProtection: config.protectData,
    tags: { Project: 'delegation-sud', Stage: config.stage },
  })
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app))
  return { app, stack, config }
}
