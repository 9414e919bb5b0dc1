import type { CommandDeps } from './handle-command.js'

/** What the use cases need beyond the handler's deps: new ids. */
export interface WriteDeps extends CommandDeps {
  readonly newId: () => string
}
