import { expect } from 'vitest'
import { type DomainEvent, parseDomainEvent } from '../../domain/events/index.js'
import { type Decider, fold } from '../../domain/shared/decider.js'
import { type RuleKind, RuleViolationError } from '../../domain/shared/errors.js'

interface Refusal {
  code: string
  kind: RuleKind
  details?: Record<string, unknown>
}

/** How a command is decided against a history of events (one aggregate's, or several). */
export type Decide<Command, Event> = (command: Command, history: readonly Event[]) => Event[]

/**
 * Decider specs that read as sentences; every emitted event is also checked against
 * its public schema, so a decider cannot emit what the store would refuse.
 *
 * @example specOf(decideInProgramme).given([opened]).when(close).then([closed])
 */
export const specOf = <Command, Event extends DomainEvent>(decide: Decide<Command, Event>) => ({
  given: (events: readonly Event[]) => ({
    when: (command: Command) => {
      const run = () => decide(command, events)
      return {
        then: (expected: readonly Event[]): Event[] => {
          const emitted = run()
          expect(emitted).toEqual(expected)
          for (const event of emitted) {
            expect(parseDomainEvent(event.type, event.data)).toEqual(event)
          }
          return emitted
        },
        thenThrows: ({ code, kind, details }: Refusal): RuleViolationError => {
          let caught: unknown
          try {
            run()
          } catch (error: unknown) {
            caught = error
          }
          expect(caught).toBeInstanceOf(RuleViolationError)
          const violation = caught as RuleViolationError
          expect({ code: violation.code, kind: violation.kind }).toEqual({ code, kind })
          if (details) expect(violation.details).toMatchObject(details)
          expect(violation.message).toMatch(/\.$/)
          return violation
        },
      }
    },
  }),
})

/**
 * The spec of one aggregate that needs nothing outside its stream.
 *
 * @example spec(startupDecider).given([]).when(register).then([registered])
 */
export const spec = <Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State, undefined>,
) => specOf<Command, Event>((command, history) => decider.decide(command, fold(decider, history), undefined))
