/**
 * What the OpenAPI and AsyncAPI documents say about themselves, written once.
 *
 * The licence is a placeholder the programme has to confirm: the code is not published
 * under an open licence, so the documents say "all rights reserved" by an SPDX
 * `LicenseRef-` until the Région decides otherwise.
 */
export const contractInfo = {
  title: 'Délégation Sud API',
  // A major version for each change that breaks partners' code (README, *Changes to the contract*).
  version: '2.1.0',
  description:
    'Registration, selection, awards and partners of the Région Sud delegations to trade shows ' +
    '(CES Las Vegas and others). Partners follow every event through `GET /feed` and signed ' +
    'webhooks (see `webhooks`, and the AsyncAPI document at `/asyncapi.json`); the JSON Schema ' +
    'of every event type and schema version is at `/schemas/events.json`. ' +
    '2.0.0 (December 2026) numbers partners’ events by `sequence` (1, 2, 3 … over the events ' +
    'partners receive) in place of `position` and `version`, on the feed, in webhooks, ' +
    'replays (`afterSequence`, `toSequence`) and the delivery log. 2.1.0 adds `order=desc` to ' +
    '`GET /feed`: the newest events first.',
  license: {
    name: 'Région Sud: all rights reserved',
    identifier: 'LicenseRef-RegionSud-AllRightsReserved',
  },
} as const

/** The OpenAPI tags, in the order a reader meets them. */
export const contractTags = [
  {
    name: 'Editions',
    description: 'Staff open and close editions: one delegation to one trade show.',
  },
  {
    name: 'Applications',
    description: 'Start-ups apply through the registration form; staff select or reject.',
  },
  { name: 'Awards', description: 'Awards won at the show by members of a delegation.' },
  { name: 'Partners', description: 'Partners join an edition with what they contribute.' },
  {
    name: 'Reports',
    description:
      'Read models for reporting jobs, as JSON or CSV, each saying the Feed position it is current to.',
  },
  { name: 'Start-ups', description: 'The start-up directory, from the read models.' },
  { name: 'Audit', description: 'The raw event streams, for staff.' },
  { name: 'Partner access', description: 'Staff issue, rotate and revoke partners’ API keys.' },
  {
    name: 'Partner feed',
    description: 'Every event of the programme in order, for partners with an API key.',
  },
  {
    name: 'Webhook subscriptions',
    description: 'Partners subscribe URLs to events, read the delivery log, redrive and replay.',
  },
  {
    name: 'Webhooks',
    description: 'What we post to a subscription’s URL: one entry per event type.',
  },
  { name: 'Operations', description: 'Liveness.' },
]

/**
 * The server a document describes: the origin it was served from, so the same document
 * is right under `npm start` and behind API Gateway.
 *
 * @example contractServers('https://api.example.org') // [{ url: 'https://api.example.org', … }]
 */
export const contractServers = (origin: string) => [
  { url: origin, description: 'This deployment (the origin this document was served from)' },
]
