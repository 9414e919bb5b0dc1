import { z } from 'zod'
import { createSesClient } from '../shared/ses-client.js'
import { parseMailbox, type MailIdentity, type MailSender } from './mail-sender.js'
import { createSesSender } from './ses-sender.js'

/**
 * The notifier's settings, from its environment (infra/constructs/notifications.ts gives
 * them from the stage's settings; `npm start` from its own URL and catcher):
 * - `PUBLIC_URL`: where the messages' links lead (the stage's public URL);
 * - `MAIL_FROM`: who the programme writes as (`Délégation Sud <delegation@…>`), an address
 *   of `MAIL_IDENTITY`, the identity SES verified (its domain, or the address itself);
 * - `CONTACT_EMAIL`: where people write to the Région (Reply-To, and the messages' footer);
 * - `MAIL_CONFIGURATION_SET`: the SES configuration set (AWS); or `SMTP_URL`, an SMTP
 *   server to send through instead (npm start's catcher, or one a developer names).
 */
export const notifierEnv = z
  .object({
    PUBLIC_URL: z.url({ protocol: /^https?$/ }),
    MAIL_FROM: z.string().min(3).max(320),
    CONTACT_EMAIL: z.email().max(254),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_CONFIGURATION_SET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an SES configuration set name')
      .optional(),
    MAIL_IDENTITY: z.string().min(1).max(320).optional(),
  })
  .refine((env) => env.SMTP_URL !== undefined || env.MAIL_CONFIGURATION_SET !== undefined, {
    message: 'Set SMTP_URL, or MAIL_CONFIGURATION_SET (and MAIL_IDENTITY) for SES',
    path: ['SMTP_URL'],
  })
  .refine(
    (env) => {
      if (env.MAIL_IDENTITY === undefined) return true
      const from = parseMailbox(env.MAIL_FROM).address.toLowerCase()
      const identity = env.MAIL_IDENTITY.toLowerCase()
      return from === identity || from.endsWith(`@${identity}`)
    },
    {
      message: 'MAIL_FROM must be an address of MAIL_IDENTITY, the identity SES verified',
      path: ['MAIL_FROM'],
    },
  )

export type NotifierSettings = z.infer<typeof notifierEnv>

/**
 * The settings as the notifier uses them: who it writes as, and where links lead.
 *
 * @example const { identity, links } = notifierSettings(notifierEnv.parse(process.env))
 */
export const notifierSettings = (settings: NotifierSettings) => {
  const from = parseMailbox(settings.MAIL_FROM)
  const identity: MailIdentity = { from, replyTo: settings.CONTACT_EMAIL }
  const links = { baseUrl: settings.PUBLIC_URL, contactEmail: settings.CONTACT_EMAIL }
  return { identity, links }
}

/**
 * The sender the settings name: SMTP when `SMTP_URL` is set (nodemailer, imported only
 * then, so the Lambda's cold start in AWS never loads it), else SES v2.
 *
 * @example const send = await mailSenderFromSettings(settings, identity)
 */
export const mailSenderFromSettings = async (
  settings: NotifierSettings,
  identity: MailIdentity,
  concurrency = 8,
): Promise<MailSender> => {
  if (settings.SMTP_URL) {
    const { createSmtpSender } = await import('./smtp-sender.js')
    return createSmtpSender({ url: settings.SMTP_URL, ...identity, maxConnections: concurrency })
      .send
  }
  const configurationSet = settings.MAIL_CONFIGURATION_SET ?? ''
  return createSesSender({ ses: createSesClient(), ...identity, configurationSet })
}
