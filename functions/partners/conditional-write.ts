/**
 * How DynamoDB says a conditional write lost to another writer: a single write fails with
 * ConditionalCheckFailed, a transaction is cancelled (TransactionCanceled). Neither kind
 * of write throws the other's error, so one test serves both.
 */
const lostRace = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' ||
    error.name === 'TransactionCanceledException')

/**
 * Runs a conditional write: its output, or undefined when its condition did not hold.
 * Any other error is thrown.
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
 * Runs a conditional write: true if it was written, false when its condition did not hold.
 *
 * @example const recorded = await written(() => doc.send(new PutCommand(input)))
 */
export const written = async (write: () => Promise<unknown>): Promise<boolean> =>
  (await unlessConditionFails(async () => {
    await write()
    return true
  })) ?? false
