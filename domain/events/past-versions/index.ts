import type { EventType } from '../event-types.js'
import {
  applicationHeldPastVersions,
  applicationSubmittedPastVersions,
} from './application-submitted.js'
import { awardWonPastVersions } from './award-won.js'
import { contactsErasedPastVersions } from './contacts-erased.js'
import type { PastVersion } from './past-version.js'
import { startupRegisteredPastVersions } from './startup-registered.js'

export {
  applicationHeldV1,
  applicationSubmittedV1,
  applicationSubmittedV2,
  toApplicationHeldV2,
  toApplicationSubmittedV2,
  toApplicationSubmittedV3,
} from './application-submitted.js'
export { awardWonV1, toAwardWonV2 } from './award-won.js'
export { contactsErasedV1, toContactsErasedV2 } from './contacts-erased.js'
export { startupRegisteredV1, toStartupRegisteredV2 } from './startup-registered.js'
export type { PastVersion } from './past-version.js'

/**
 * Every type's past versions, oldest first; a type absent here has only its current one.
 * Reads chain them, v1 → v2 → …, up to the current schema of event-types.ts (upcast.ts),
 * so everything past the read boundary sees current versions only.
 *
 * To evolve a type (say `startup.registered` gains a required `consent`):
 * 1. In a file of its own here (`startup-registered.ts`), write the current schema out in
 *    full as `startupRegisteredV1`, and `toStartupRegisteredV2(v1)`, a pure function giving
 *    what v2 holds for it (the upcaster cannot read anything else: say "not recorded" rather
 *    than guess), then `startupRegisteredPastVersions = [pastVersion(1, …, 'what v2
 *    changed', toStartupRegisteredV2)]`; a later v3 appends `pastVersion(2, …)` there.
 * 2. List it below, change the schema in event-data.ts, bump `schemaVersion` in
 *    event-types.ts (tests/domain/events/upcast.test.ts checks the chain has no hole).
 * 3. Bump the fold version of any snapshot whose state depends on it, `npm run rebuild`
 *    after deploying, and name the new field in partner-view.ts only if partners may see it.
 */
export const pastVersions: Readonly<Partial<Record<EventType, readonly PastVersion[]>>> = {
  'application.submitted': applicationSubmittedPastVersions,
  'award.won': awardWonPastVersions,
  'application.held': applicationHeldPastVersions,
  'startup.registered': startupRegisteredPastVersions,
  'startup.contacts-erased': contactsErasedPastVersions,
}
