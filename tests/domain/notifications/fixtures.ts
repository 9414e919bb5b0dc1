import type { Language } from '../../../domain/events/index.js'
import type { MessageData, MessageKind, MessageLinks } from '../../../domain/notifications/index.js'

export const links: MessageLinks = {
  baseUrl: 'https://delegation.maregionsud.example/prod',
  contactEmail: 'delegation@maregionsud.example',
  withdrawalPath: '/applications/0192f0a0/withdraw?token=s1gn3d',
}
export const withdrawalUrl =
  'https://delegation.maregionsud.example/prod/applications/0192f0a0/withdraw?token=s1gn3d'

const common = {
  recipientName: 'Inès Martin',
  reference: '0192f0a0-7d6a-7c3e-9b1a-2f4e5d6c7b8a',
  startupName: 'Calanques Tech',
  editionName: 'CES Las Vegas 2020',
}

/** Data for every kind, every optional field filled. */
export const dataOf: { [K in MessageKind]: MessageData<K> } = {
  received: {
    ...common,
    applicationDeadline: '2019-10-15T23:59:59+02:00',
    awaitingConfirmation: true,
  },
  confirmed: { ...common, applicationDeadline: '2019-10-15T23:59:59+02:00' },
  selected: { ...common, city: 'Las Vegas', startsOn: '2020-01-07', endsOn: '2020-01-10' },
  rejected: { ...common, reason: 'Outside this edition’s themes.\nTry VivaTech!' },
  withdrawn: { ...common, by: 'startup' },
  'held-notice': common,
}

export const languages: readonly Language[] = ['fr', 'en']
