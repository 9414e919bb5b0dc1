/**
 * An e-mail address as the programme compares them: trimmed and lower-cased. The local
 * part is case-sensitive in theory, never in practice; nothing more is folded (dots,
 * `+tags`), so two addresses that may belong to two people are never taken for one.
 *
 * @example normaliseEmail(' Ines@Calanques.example ') // 'ines@calanques.example'
 */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase()
