import type { Letter } from './letter.js'
import type { MessageData, MessageKind } from './kinds.js'
import type { ResolvedLinks } from './links.js'

/** The wording of every kind of message in one language. */
export type Catalogue = {
  readonly [K in MessageKind]: (data: MessageData<K>, links: ResolvedLinks) => Letter
}
