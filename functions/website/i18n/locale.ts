import type { Context } from 'hono'

/** The pages' languages: French first (the programme's language), then English. */
export const langs = ['fr', 'en'] as const
export type Lang = (typeof langs)[number]

const isLang = (value: string | undefined): value is Lang => langs.includes(value as Lang)

/**
 * `fr-FR,fr;q=0.9,en;q=0.8` → the preferred of our languages, or undefined when it names
 * neither. Ties go to French.
 */
const fromAcceptLanguage = (header: string | undefined): Lang | undefined => {
  let best: { lang: Lang; q: number } | undefined
  for (const part of (header ?? '').split(',')) {
    const [range = '', ...params] = part.trim().split(';')
    const lang = range.trim().toLowerCase().split('-')[0]
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1')
    if (!isLang(lang) || !(q > 0)) continue
    if (!best || q > best.q || (q === best.q && lang === 'fr')) best = { lang, q }
  }
  return best?.lang
}

/**
 * The page's language: `?lang=en` (or `fr`) when given, which every link of the pages
 * keeps; otherwise the browser's Accept-Language between French and English; French
 * when it names neither.
 *
 * @example const lang = langOf(c) // 'fr'
 */
export const langOf = (c: Context): Lang => {
  const asked = c.req.query('lang')
  if (isLang(asked)) return asked
  return fromAcceptLanguage(c.req.header('Accept-Language')) ?? 'fr'
}

/**
 * A path of the pages in the given language: `?lang=` only when the reader chose it,
 * so a shared link still follows each browser's own language.
 *
 * @example withLang('/staff', 'en', true) // '/staff?lang=en'
 */
export const withLang = (path: string, lang: Lang, explicit: boolean): string => {
  if (!explicit) return path
  const [base = '', query = ''] = path.split('?')
  const params = new URLSearchParams(query)
  params.set('lang', lang)
  return `${base}?${params}`
}
