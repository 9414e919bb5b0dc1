import { lostRace } from './dynamo-errors.js'

/**
 * Runs a conditional write: its output, or undefined when another writer got there
 * first (its condition did not hold, or a transaction on the same items won; see
 * dynamo-errors.ts). Any other error is thrown.
 *
 * @example const out = await unlessConditionFails(() => doc.send(new UpdateCommand(input)))
 */
export const unlessConditionFails = async <T>(write: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await write()
  } catch (error: unknown) {
    if (lostRace(error)) return undefined
    throw error
  }
}

/**
 * Runs a conditional write: true if it was written, false when another writer got
 * there first.
 *
 * @example const recorded = await written(() => doc.send(new PutCommand(input)))
 */
export const written = async (write: () => Promise<unknown>): Promise<boolean> =>
  (await unlessConditionFails(async () => {
    await write()
    return true
  })) ?? false
