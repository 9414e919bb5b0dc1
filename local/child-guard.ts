import type { ChildProcess } from 'node:child_process'

const signals = ['SIGINT', 'SIGTERM'] as const
const children = new Set<ChildProcess>()

const killAll = () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}

const onSignal = (signal: NodeJS.Signals) => {
  // The program handles the signal itself (npm start, vitest): it stops the children
  // cleanly, and the 'exit' hook is the backstop.
  if (process.listenerCount(signal) > 1) return
  killAll()
  uninstall()
  // With our listener gone, the default action ends the process as it would have.
  process.kill(process.pid, signal)
}

const install = () => {
  process.on('exit', killAll)
  for (const signal of signals) process.on(signal, onSignal)
}

const uninstall = () => {
  process.off('exit', killAll)
  for (const signal of signals) process.off(signal, onSignal)
}

/**
 * Kills `child` when this process exits or is told to stop, so that no JVM outlives
 * its parent (a SIGKILLed parent is covered by setpriv's pdeathsig instead).
 * The hooks go away by themselves once the child has exited.
 *
 * @example guardChild(spawn('java', args))
 */
export const guardChild = (child: ChildProcess): void => {
  if (children.size === 0) install()
  children.add(child)
  child.once('exit', () => {
    children.delete(child)
    if (children.size === 0) uninstall()
  })
}
