import type { Catalogue } from './catalogue.js'
import { formatDays, formatDeadline } from './format.js'
import type { Block, Inline } from './letter.js'
import type { ResolvedLinks } from './links.js'

/** French typography: a no-break space before « : ; ! ? » and inside guillemets. */
const _ = '\u00a0'

const greeting = (name: string | undefined) => (name ? `Bonjour ${name},` : 'Bonjour,')
const team = 'L’équipe Délégation Sud de la Région Sud'
const paragraph = (...parts: Inline[]): Block => ({ type: 'paragraph', parts })
const reference = (value: string): [string, string] => [`Référence${_}:`, value]
const delegation = (value: string): [string, string] => [`Délégation${_}:`, value]

const footer = (links: ResolvedLinks, why: string): Inline[][] => [
  [
    `Une question${_}? Écrivez-nous à `,
    { text: links.contactEmail, href: `mailto:${links.contactEmail}` },
    '.',
  ],
  [why],
  [
    { text: 'Délégation Sud', href: links.site },
    ', le programme de la Région Sud qui emmène les start-ups sur les grands salons internationaux.',
  ],
]
const asApplicant = (startupName: string) =>
  `Vous recevez ce message parce que cette adresse a été donnée comme contact de la candidature de ${startupName}.`

const withdrawal = (href: string, lead: string): Block[] => [
  paragraph(lead),
  {
    type: 'action',
    text: 'Retirer la candidature',
    href,
    fallback: `Si le bouton ne fonctionne pas, copiez cette adresse${_}:`,
  },
  paragraph(`Ce lien est personnel${_}: ne le transmettez pas.`),
]

/**
 * What the programme writes, in French (vouvoiement). Subjects name the edition, never the
 * start-up: a name is typed by whoever applies, and a subject is what a phishing line needs.
 */
export const french: Catalogue = {
  received: (data, links) => ({
    subject: `Nous avons bien reçu votre candidature – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `Nous avons bien reçu la candidature de ${data.startupName} pour la délégation ${data.editionName}. `,
        `Merci de l’intérêt que vous portez au programme de la Région Sud${_}!`,
      ),
      ...(data.awaitingConfirmation
        ? [
            paragraph(
              `Avant de l’étudier, nous vérifions auprès de ${data.startupName} que cette candidature vient bien d’elle${_}: `,
              'nous revenons vers vous dès que c’est fait.',
            ),
          ]
        : []),
      {
        type: 'facts',
        rows: [
          reference(data.reference),
          [`Start-up${_}:`, data.startupName],
          delegation(data.editionName),
          [`Clôture des candidatures${_}:`, formatDeadline(data.applicationDeadline, 'fr')],
        ],
      },
      paragraph(
        `Et ensuite${_}? Notre équipe étudie toutes les candidatures après la clôture, puis vous écrit à cette adresse `,
        'pour vous donner sa réponse, que votre candidature soit retenue ou non. ',
        `Gardez la référence ci-dessus${_}: elle vous sera utile pour toute question.`,
      ),
      ...(links.withdrawal
        ? withdrawal(
            links.withdrawal,
            `Vous avez changé d’avis${_}? Vous pouvez retirer la candidature à tout moment avant notre décision${_}:`,
          )
        : []),
    ],
    signOff: ['À très bientôt,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  confirmed: (data, links) => ({
    subject: `Votre candidature est confirmée – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `Nous avons vérifié la candidature de ${data.startupName} pour la délégation ${data.editionName}${_}: `,
        'elle est bien enregistrée, et sera étudiée avec toutes les autres après la clôture des candidatures.',
      ),
      {
        type: 'facts',
        rows: [
          reference(data.reference),
          delegation(data.editionName),
          [`Clôture des candidatures${_}:`, formatDeadline(data.applicationDeadline, 'fr')],
        ],
      },
      paragraph('Nous vous écrirons à cette adresse pour vous donner notre réponse.'),
      ...(links.withdrawal
        ? withdrawal(
            links.withdrawal,
            `Vous pouvez toujours retirer la candidature avant notre décision${_}:`,
          )
        : []),
    ],
    signOff: ['À très bientôt,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  selected: (data, links) => ({
    subject: `Félicitations, votre candidature est retenue${_}! – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `Félicitations${_}! La Région Sud a retenu la candidature de ${data.startupName}${_}: `,
        `vous faites partie de la délégation ${data.editionName}, à ${data.city} (${formatDays(data.startsOn, data.endsOn, 'fr')}).`,
      ),
      paragraph(
        `Et ensuite${_}? Notre équipe vous contacte très prochainement pour préparer avec vous votre présence sur le salon${_}: `,
        'votre place sur le pavillon de la Région, la logistique et les temps forts de la délégation.',
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
      ...(links.withdrawal
        ? withdrawal(
            links.withdrawal,
            `Un empêchement${_}? Prévenez-nous au plus vite, une autre start-up pourra prendre votre place. Vous pouvez aussi retirer la candidature ici${_}:`,
          )
        : [
            paragraph(
              `Un empêchement${_}? Prévenez-nous au plus vite${_}: une autre start-up pourra prendre votre place.`,
            ),
          ]),
    ],
    signOff: ['Au plaisir de vous retrouver sur le salon,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  rejected: (data, links) => ({
    subject: `Votre candidature – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `Merci d’avoir présenté ${data.startupName} pour la délégation ${data.editionName}. `,
        'Après une étude attentive, nous sommes au regret de vous annoncer que votre candidature n’a pas été retenue cette fois-ci.',
      ),
      ...(data.reason
        ? [paragraph(`Le mot de notre équipe${_}:`), { type: 'quote' as const, text: data.reason }]
        : []),
      paragraph(
        `Cette décision ne vaut que pour cette délégation${_}: nous serons heureux de recevoir une nouvelle candidature de ${data.startupName} pour les prochaines. `,
        'Si vous souhaitez en savoir plus, écrivez-nous en rappelant la référence ci-dessous.',
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
    ],
    signOff: ['Bien cordialement,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  withdrawn: (data, links) => ({
    subject: `Candidature retirée – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        data.by === 'startup'
          ? `Comme vous l’avez demandé, la candidature de ${data.startupName} pour la délégation ${data.editionName} est retirée.`
          : `La Région Sud a retiré la candidature de ${data.startupName} pour la délégation ${data.editionName}.`,
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
      paragraph(
        data.by === 'startup'
          ? `Si vous n’êtes pas à l’origine de ce retrait, ou pour toute question, écrivez-nous${_}: `
          : `Pour toute question, écrivez-nous${_}: `,
        { text: links.contactEmail, href: links.writeToUs(`Candidature ${data.reference}`) },
        '.',
      ),
      paragraph('Nous espérons vous retrouver lors d’une prochaine délégation.'),
    ],
    signOff: ['Bien cordialement,', team],
    footer: footer(links, asApplicant(data.startupName)),
  }),

  'held-notice': (data, links) => ({
    subject: `À vérifier${_}: une candidature au nom de votre start-up – ${data.editionName}`,
    greeting: greeting(data.recipientName),
    blocks: [
      paragraph(
        `Vous êtes la personne de contact de ${data.startupName} auprès de la Région Sud. `,
        `Une candidature vient d’être déposée au nom de ${data.startupName} pour la délégation ${data.editionName}${_}: `,
        'nous la gardons en attente jusqu’à ce que vous nous confirmiez qu’elle vient de votre start-up.',
      ),
      paragraph(
        `S’il s’agit de vous ou de quelqu’un de votre équipe, dites-le-nous${_}: nous la confirmerons. `,
        `Si ce n’est ni vous ni votre équipe, prévenez la Région au plus vite, en rappelant la référence ci-dessous${_}: `,
        { text: links.contactEmail, href: links.writeToUs(`Candidature ${data.reference}`) },
        '.',
      ),
      { type: 'facts', rows: [reference(data.reference), delegation(data.editionName)] },
      {
        type: 'action',
        text: 'Écrire à la Région',
        href: links.writeToUs(`Candidature ${data.reference}`),
        fallback: `Ou écrivez à${_}:`,
        shown: links.contactEmail,
      },
      paragraph(
        `En attendant, cette candidature reste en suspens${_}: elle ne sera pas étudiée tant que nous n’aurons pas vérifié avec vous.`,
      ),
    ],
    signOff: ['Bien cordialement,', team],
    footer: footer(
      links,
      `Vous recevez ce message parce que cette adresse est celle de la personne de contact de ${data.startupName} enregistrée auprès de la Région Sud.`,
    ),
  }),
}
