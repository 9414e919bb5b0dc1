import type { DomainEvent } from '../../../domain/events/index.js'

/** A start-up's public profile as partners receive it once it is selected. */
export const profilePublished = (startupId: string): DomainEvent => ({
  type: 'startup.profile-published',
  data: {
    startupId,
    name: 'Calanques Tech',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    website: 'https://calanques.example',
    themes: ['environment'],
  },
})
