import { EventTooLargeError, TransactionTooLargeError } from './errors.js'

/** DynamoDB's hard limits, checked before any write so a refusal writes nothing. */
export const maxItemBytes = 400 * 1024
export const maxTransactionItems = 100
export const maxTransactionBytes = 4 * 1024 * 1024

/**
 * An upper bound of an item's stored size: its JSON is never smaller than
 * DynamoDB's own count (names and UTF-8 values, plus quotes and punctuation),
 * so an item we accept always fits.
 */
export const itemBytes = (item: Record<string, unknown>): number =>
  Buffer.byteLength(JSON.stringify(item), 'utf8')

export interface SizedEvent {
  readonly streamId: string
  readonly type: string
  readonly item: Record<string, unknown>
}

/** Throws before the first write if one event or the whole transaction is too large. */
export const assertWithinLimits = (
  events: readonly SizedEvent[],
  otherItems: readonly Record<string, unknown>[],
): void => {
  let total = 0
  for (const { streamId, type, item } of events) {
    const bytes = itemBytes(item)
    if (bytes > maxItemBytes) throw new EventTooLargeError(streamId, type, bytes)
    total += bytes
  }
  for (const item of otherItems) total += itemBytes(item)
  const count = events.length + otherItems.length
  if (count > maxTransactionItems || total > maxTransactionBytes) {
    throw new TransactionTooLargeError(count, total)
  }
}
