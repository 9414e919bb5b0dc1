import { applicationDecider, applicationErrors, type ApplicationState, type SubmitApplication } from '../../domain/application/index.js'
import { editionDecider } from '../../domain/edition/index.js'
import { startupDecider, type RegisterStartup, type StartupState } from '../../domain/startup/index.js'
import { applicationGuard, heldApplicationGuard } from '../store/application-guard.js'
import { effectiveTime, type CommandContext } from './command-context.js'
import { editionLifecycle } from './edition-lifecycle.js'
import type { Decision, UseCase } from './handle-command.js'
import { startupIdOf } from './ids.js'
import { newWithdrawalToken } from './withdrawal-token.js'
import type { WriteDeps } from './write-deps.js'

/** A start-up's application as the registration form sends it. */
export interface ApplicationInput {
  readonly editionId: string
  readonly startup: Omit<RegisterStartup, 'type' | 'startupId' | 'contact' | 'now'>
  readonly contact: NonNullable<SubmitApplication['contact']>
  readonly pitch: string
  /** The consent wording's version the applicant agreed to; staff importing history may not know it. */
  readonly consentVersion?: string | undefined
  /** The form's language: what the programme writes to the contact in (French unless English). */
  readonly language?: 'fr' | 'en' | undefined
}

export interface ApplicationSubmitted {
  readonly applicationId: string
  readonly startupId: string
  /** `held`: its contact is not one the start-up registered; it waits for staff. */
  readonly status: 'submitted' | 'held'
  readonly withdrawalToken: string
}

/**
 * A start-up applies to an edition. Each application has its own new stream; the edition
 * is read (from this process's cache when warm) and only its lifecycle counter checked, so
 * no two applications ever conflict. A start-up new to the programme registers in the same
 * transaction; a registered one is checked unchanged. Its one application per edition is a
 * guard item, which also keeps the withdrawal token's hash; an application whose contact
 * the start-up did not register is `held` instead, leaving that guard free.
 *
 * @example await handleCommand(deps, submitApplication(deps, input, context), context)
 */
export const submitApplication = (
  deps: Pick<WriteDeps, 'aggregates' | 'newId'>,
  { editionId, startup, contact, pitch, consentVersion, language = 'fr' }: ApplicationInput,
  context: CommandContext,
): UseCase<ApplicationState, ApplicationSubmitted> => {
  const now = effectiveTime(context)
  // A new application says which wording it agreed to; staff importing history may not
  // know it, and record it as not recorded.
  if (consentVersion === undefined && context.occurredAt === undefined) throw applicationErrors.consentRequired()
  const consent = consentVersion === undefined ? null : { version: consentVersion, givenAt: now }
  const applicationId = deps.newId()
  const startupId = startupIdOf(startup.siret)
  const withdrawal = newWithdrawalToken()
  // Set when the start-up's one-application guard turns out taken: the next decision holds it.
  let alreadyApplied = false
  return {
    aggregate: applicationDecider,
    id: applicationId,
    // A new UUIDv7 names no stream yet; were it taken, the append at version 0 would fail.
    reuse: 'cached-or-absent',
    async decide(own): Promise<Decision<ApplicationSubmitted>> {
      // Neither is written unless absent, and each is checked by the append: the edition's
      // lifecycle as still open, the start-up's stream as created at version 1. So a warm
      // process decides from memory and the whole application is one transaction.
      const [edition, registration] = await Promise.all([
        deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
        deps.aggregates.load(startupDecider, startupId, { reuse: 'cached-or-absent' }),
      ])
      const { name: startupName, territory, themes } = startup
      const submit = { type: 'SubmitApplication' as const, editionId, applicationId, startupId, startupName, territory, themes, pitch, contact, consent, language, now }
      const events = applicationDecider.decide(submit, own.state, { edition: edition.state, startup: registration.state, alreadyApplied })
      const isNew = registration.state.status === 'absent'
      const held = events.some((event) => event.type === 'application.held')
      const tokenHeld = { applicationId, withdrawalTokenHash: withdrawal.hash }
      return {
        events,
        alsoAppend: isNew ? [registering(registration.streamId, registration.state, { ...startup, startupId, contact, language, now })] : [],
        // Whether the contact is the start-up's was decided on its registration as read.
        unchanged: isNew ? [] : [registration],
        counters: [editionLifecycle(editionId, edition)],
        // A held application leaves the start-up's one-application guard free: someone who
        // only knows its SIRET cannot block the start-up's own application.
        guards: held
          ? [heldApplicationGuard(tokenHeld)]
          : [
              {
                ...applicationGuard(editionId, startupId, tokenHeld),
                // The start-up has applied already: decide again, on fresh reads, and hold this
                // one for staff (never a 409 naming the other application: a SIRET is public).
                refusal: () => {
                  alreadyApplied = true
                  return undefined
                },
              },
            ],
        result: { applicationId, startupId, status: held ? 'held' : 'submitted', withdrawalToken: withdrawal.token },
        secretFields: ['withdrawalToken'],
      }
    },
  }
}

const registering = (streamId: string, state: StartupState, registration: Omit<RegisterStartup, 'type'>) => ({
  streamId,
  expectedVersion: 0,
  events: startupDecider.decide({ type: 'RegisterStartup', ...registration }, state, undefined),
})
