export { composeMessage, type Message, type MessageFacts } from './compose.js'
export {
  messageData,
  messageKind,
  messageKinds,
  type MessageData,
  type MessageKind,
} from './kinds.js'
export { escapeHtml, type RenderedMessage } from './letter.js'
export { messageLinks, resolveLinks, type MessageLinks } from './links.js'
export {
  messagesFor,
  type MessageIntent,
  type NotifiableEvent,
  type RecipientRole,
} from './messages-for.js'
export { applicationContactOf, registeredContactOf, type Recipient } from './recipients.js'
export { MissingLinkError, renderMessage } from './render.js'
export {
  afterSend,
  claimAttempt,
  givenUpReasons,
  isDue,
  mayHaveArrivedTwice,
  notSent,
  notSentReasons,
  outboxStateSchema,
  outboxStatuses,
  queuedMessage,
  returnKinds,
  type GivenUpReason,
  type NotSentReason,
  type OutboxState,
  type OutboxStatus,
  type ReturnKind,
  type SendOutcome,
} from './outbox.js'
export { maxSendAttempts, sendRetryDelay, sendRetryDelaysMs } from './retry-schedule.js'
