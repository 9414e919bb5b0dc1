import type { Catalogue } from './catalogue.js'
import { formatDays, formatDeadline } from './format.js'
import type { Block, Inline } from './letter.js'
import type { ResolvedLinks } from './links.js'

const greeting = (name: string | undefined) => (name ? `Dear ${name},` : 'Hello,')
const team = 'The Délégation Sud team, Région Sud'
const paragraph = (...parts: Inline[]): Block => ({ type: 'paragraph', parts })
const reference = (value: string): [string, string] => ['Reference:', value]
const delegation = (value: string): [string, string] => ['Delegation:', value]

const footer = (links: ResolvedLinks, why: string): Inline[][] => [
  [
    'Any questions? Write to us at ',
    { text: links.contactEmail, href: `mailto:${links.contactEmail}` },
    '.',
  ],
  [why],
  [
    { text: 'Délégation Sud', href: links.site },
    ': the Région Sud programme that takes start-ups to the major international trade shows.',
  ],
]
const asApplicant = (startupName: string) =>
  `You are receiving this message because this address was given as the contact of ${startupName}’s application.`

const withdrawal = (href: string, lead: string): Block[] => [
  paragraph(lead),
  {
    type: 'action',
    text: 'Withdraw the application',
    href,
    fallback: 'If the button does not work, copy this address:',
  },
  paragraph('This link is personal: please do not forward it.'),
]

/** What the programme writes, in English, for applicants who filled in the form in English. */
export const english: Catalogue = {
  received: (data, links) => ({
    subject: `We have received your application – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `We have received ${data.startupName}’s application for the ${data.editionName} delegation. `,
        'Thank you for your interest in the Région Sud programme!',
      ),
      ...(data.awaitingConfirmation
        ? [
            paragraph(
              `Before we review it, we are checking with ${data.startupName} that this application comes from them: `,
              'we will get back to you as soon as that is done.',
            ),
          ]
        : []),
      {
        type: 'facts',
        rows: [
          reference(data.reference),
          ['Start-up:', data.startupName],
          delegation(data.editionName),
          ['Applications close:', formatDeadline(data.applicationDeadline, 'en')],
        ],
      },
      paragraph(
        'What happens next? Our team reviews every application once applications close, then writes to you at this address ',
        'with its answer, whether your application is selected or not. ',
        'Please keep the reference above: it will help with any question.',
      ),
      ...(links.withdrawal
        ? withdrawal(
            links.withdrawal,
            'Changed your mind? You can withdraw the application at any time before our decision:',
          )
        : []),
    ],
    signOff: ['Best regards,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  confirmed: (data, links) => ({
    subject: `Your application is confirmed – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `We have checked ${data.startupName}’s application for the ${data.editionName} delegation: `,
        'it is registered, and will be reviewed with all the others once applications close.',
      ),
      {
        type: 'facts',
        rows: [
          reference(data.reference),
          delegation(data.editionName),
          ['Applications close:', formatDeadline(data.applicationDeadline, 'en')],
        ],
      },
      paragraph('We will write to you at this address with our answer.'),
      ...(links.withdrawal
        ? withdrawal(
            links.withdrawal,
            'You can still withdraw the application before our decision:',
          )
        : []),
    ],
    signOff: ['Best regards,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  selected: (data, links) => ({
    subject: `Congratulations, your application is selected! – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `Congratulations! The Région Sud has selected ${data.startupName}’s application: `,
        `you are part of the ${data.editionName} delegation, in ${data.city} (${formatDays(data.startsOn, data.endsOn, 'en')}).`,
      ),
      paragraph(
        'What happens next? Our team will contact you very soon to prepare your presence at the show together: ',
        'your place in the Région’s pavilion, the logistics and the delegation’s highlights.',
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
      ...(links.withdrawal
        ? withdrawal(
            links.withdrawal,
            'Unable to come after all? Please let us know as soon as possible, so that another start-up can take your place. You can also withdraw the application here:',
          )
        : [
            paragraph(
              'Unable to come after all? Please let us know as soon as possible, so that another start-up can take your place.',
            ),
          ]),
    ],
    signOff: ['We look forward to seeing you at the show,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  rejected: (data, links) => ({
    subject: `Your application – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `Thank you for putting ${data.startupName} forward for the ${data.editionName} delegation. `,
        'After careful review, we regret to tell you that your application has not been selected this time.',
      ),
      ...(data.reason
        ? [paragraph('A word from our team:'), { type: 'quote' as const, text: data.reason }]
        : []),
      paragraph(
        `This decision only concerns this delegation: we will be glad to receive a new application from ${data.startupName} for the next ones. `,
        'If you would like to know more, write to us quoting the reference below.',
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
    ],
    signOff: ['Kind regards,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  withdrawn: (data, links) => ({
    subject: `Application withdrawn – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        data.by === 'startup'
          ? `As you asked, ${data.startupName}’s application for the ${data.editionName} delegation is withdrawn.`
          : `The Région Sud has withdrawn ${data.startupName}’s application for the ${data.editionName} delegation.`,
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
      paragraph(
        data.by === 'startup'
          ? 'If you did not withdraw it, or for any question, write to us: '
          : 'For any question, write to us: ',
        { text: links.contactEmail, href: links.writeToUs(`Application ${data.reference}`) },
        '.',
      ),
      paragraph('We hope to see you in a future delegation.'),
    ],
    signOff: ['Kind regards,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  'held-notice': (data, links) => ({
    subject: `Please check: an application in your start-up’s name – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `You are ${data.startupName}’s contact person with the Région Sud. `,
        `Someone has just applied in ${data.startupName}’s name for the ${data.editionName} delegation: `,
        'we hold the application until you tell us it is your start-up’s.',
      ),
      paragraph(
        'If it is you or someone from your team, let us know and we will confirm it. ',
        'If it was neither you nor your team, please tell the Région as soon as possible, quoting the reference below: ',
        { text: links.contactEmail, href: links.writeToUs(`Application ${data.reference}`) },
        '.',
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
      {
        type: 'action',
        text: 'Write to the Région',
        href: links.writeToUs(`Application ${data.reference}`),
        fallback: 'Or write to:',
        shown: links.contactEmail,
      },
      paragraph(
        'Meanwhile, this application is on hold: it will not be reviewed until we have checked with you.',
      ),
    ],
    signOff: ['Kind regards,', team],
    footer: footer(
      links,
      `You are receiving this message because this address is that of ${data.startupName}’s contact person registered with the Région Sud.`,
    ),
  }),
}
