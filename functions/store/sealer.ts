import type { DomainEvent, EventEnvelope, StoredEnvelope } from '../../domain/events/index.js'

/**
 * What the event store needs of whoever guards personal data (the port the personal-data
 * vault fits, functions/personal-data/vault.ts): the store declares it, so it never imports
 * the module above it.
 *
 * - `prepare` makes sure every subject of the events about to be written has a data key,
 *   so `seal` runs without I/O inside the append's planning;
 * - `seal` returns the event as stored: its personal fields encrypted, `null` in its data;
 * - `open` puts them back for readers, or leaves them `null` for an erased subject, and
 *   checks each event's data against its schema (`checkEnvelopeData`): the store reads
 *   with `parseStoredEnvelope`, so that check is the one check of what it read, made
 *   once the personal fields are back.
 */
export interface Sealer {
  prepare(events: readonly Pick<DomainEvent, 'type' | 'data'>[]): Promise<void>
  seal(envelope: EventEnvelope): EventEnvelope
  open(envelopes: readonly StoredEnvelope[]): Promise<EventEnvelope[]>
}
