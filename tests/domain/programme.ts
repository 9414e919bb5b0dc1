import {
  applicationDecider,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from '../../domain/application/index.js'
import { editionDecider, type EditionCommand, type EditionEvent } from '../../domain/edition/index.js'
import { fold } from '../../domain/shared/decider.js'
import {
  startupDecider,
  type StartupCommand,
  type StartupEvent,
  type StartupState,
} from '../../domain/startup/index.js'

export type ProgrammeEvent = EditionEvent | ApplicationEvent | StartupEvent
export type ProgrammeCommand = EditionCommand | ApplicationCommand | StartupCommand

const isApplicationEvent = (event: ProgrammeEvent): event is ApplicationEvent => event.type.startsWith('application.')
const isStartupEvent = (event: ProgrammeEvent): event is StartupEvent => event.type.startsWith('startup.')

/** Each application's state, by id, from a history that mixes every stream. */
const applications = (history: readonly ProgrammeEvent[]): Map<string, ApplicationState> => {
  const streams = new Map<string, ApplicationEvent[]>()
  for (const event of history.filter(isApplicationEvent)) {
    const stream = streams.get(event.data.applicationId) ?? []
    stream.push(event)
    streams.set(event.data.applicationId, stream)
  }
  return new Map([...streams].map(([id, events]) => [id, fold(applicationDecider, events)]))
}

/** One start-up's state, from a history that mixes every stream. */
const startupOf = (history: readonly ProgrammeEvent[], startupId: string): StartupState =>
  fold(
    startupDecider,
    history.filter(isStartupEvent).filter((event) => event.data.startupId === startupId),
  )

const isStartupCommand = (command: ProgrammeCommand): command is StartupCommand =>
  ['RegisterStartup', 'CorrectStartupProfile', 'RecoverStartup', 'PublishStartupProfile'].includes(
    command.type,
  )

/**
 * Decides a command the way the command API does, from a history of the edition's, its
 * applications' and start-ups' streams mixed: an edition command gets the edition state (and
 * for an award the winner's application), a start-up command its start-up's state, an
 * application command its own state, the edition, the seats taken and its start-up's
 * record (to submit, and to dismiss). What the API enforces with guard items (one application
 * per start-up and edition) is not decided here: see the API tests.
 *
 * @example specOf(decideInProgramme).given([opened(), submitted('a1', 's1')]).when(select('a1'))
 */
export const decideInProgramme = (
  command: ProgrammeCommand,
  history: readonly ProgrammeEvent[],
): ProgrammeEvent[] => {
  const edition = fold(
    editionDecider,
    history.filter((event): event is EditionEvent => !isApplicationEvent(event) && !isStartupEvent(event)),
  )
  const byId = applications(history)
  if (isStartupCommand(command)) {
    return startupDecider.decide(command, startupOf(history, command.startupId), undefined)
  }
  switch (command.type) {
    case 'OpenEdition':
    case 'CloseEdition':
    case 'JoinPartner':
      return editionDecider.decide(command, edition, {})
    case 'RecordAward': {
      const winner = [...byId.values()].find(
        (state) => state.status !== 'absent' && state.startupId === command.startupId,
      )
      return editionDecider.decide(command, edition, winner ? { winner } : {})
    }
    default: {
      const own = byId.get(command.applicationId) ?? applicationDecider.initialState
      const seatsTaken = [...byId.values()].filter((state) => state.status === 'selected').length
      const startupId =
        command.type === 'SubmitApplication'
          ? command.startupId
          : own.status === 'absent'
            ? undefined
            : own.startupId
      const startup = startupId === undefined ? startupDecider.initialState : startupOf(history, startupId)
      return applicationDecider.decide(command, own, { edition, seatsTaken, startup })
    }
  }
}
