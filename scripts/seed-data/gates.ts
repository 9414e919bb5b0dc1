import type { SeedEdition } from './build.js'

interface Gate {
  readonly owner: string
  readonly opened: Promise<void>
  open(): void
  fail(error: unknown): void
}

/**
 * Lets editions be recorded side by side while each start-up still registers with its
 * first application and each partner with its first join, as it happened: a later
 * edition's request for the same start-up or partner waits for that first one.
 *
 * @example const gates = gatesFor(history); await gates.pass(`startup:${siret}`, id, post)
 */
export const gatesFor = (history: readonly SeedEdition[]) => {
  const gates = new Map<string, Gate>()
  const add = (key: string, owner: string) => {
    if (gates.has(key)) return
    let open = () => {}
    let fail: (error: unknown) => void = () => {}
    const opened = new Promise<void>((resolve, reject) => {
      open = resolve
      fail = reject
    })
    opened.catch(() => {}) // a failure is reported by its own edition; waiters get it too
    gates.set(key, { owner, opened, open, fail })
  }
  for (const { body, applications, partners } of history) {
    for (const { startup } of applications) add(`startup:${startup.siret}`, body.id)
    for (const { partnerId } of partners) add(`partner:${partnerId}`, body.id)
  }
  return {
    /** Runs `task` for `editionId`: at once if it owns `key` (then opens it), else once open. */
    async pass<T>(key: string, editionId: string, task: () => Promise<T>): Promise<T> {
      const gate = gates.get(key)
      if (gate === undefined) return task()
      if (gate.owner !== editionId) {
        await gate.opened
        return task()
      }
      try {
        const result = await task()
        gate.open()
        return result
      } catch (error: unknown) {
        gate.fail(error)
        throw error
      }
    },
    /** An edition gave up: whoever waits on one of its gates fails too instead of hanging. */
    abandon(editionId: string, error: unknown) {
      for (const gate of gates.values()) if (gate.owner === editionId) gate.fail(error)
    },
  }
}

export type Gates = ReturnType<typeof gatesFor>
