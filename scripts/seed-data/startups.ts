import type { Random } from './prng.js'
import { siretFrom } from './prng.js'
import {
  citiesByTerritory,
  firstNames,
  lastNames,
  namePrefixes,
  nameSuffixes,
  products,
  type Theme,
  territoryWeights,
  themes,
} from './vocabulary.js'

/** An invented start-up, as its registration form gives it. */
export interface SeedStartup {
  readonly siret: string
  readonly name: string
  readonly city: string
  readonly territory: string
  readonly website: string
  readonly themes: Theme[]
  readonly description: string
  readonly product: string
  readonly contact: { readonly name: string; readonly email: string; readonly phone: string }
}

/**
 * A name as a slug, for hosts and e-mails.
 *
 * @example slugOf('Sainte-Victoire Énergie') // 'sainte-victoire-energie'
 */
export const slugOf = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

const phone = (random: Random) =>
  `+33 4 ${Array.from({ length: 4 }, () => String(random.int(10, 99))).join(' ')}`

/**
 * Invents start-ups with names, SIRETs and websites never used twice in one history.
 *
 * @example const invent = startupFactory(random); const startup = invent({ environment: 6 })
 */
export const startupFactory = (random: Random) => {
  const names = new Set<string>()
  const sirets = new Set<string>()
  const uniqueName = (primary: Theme) => {
    for (;;) {
      const name = `${random.pick(namePrefixes)} ${random.pick(nameSuffixes[primary])}`
      if (names.has(name)) continue
      names.add(name)
      return name
    }
  }
  const uniqueSiret = () => {
    for (;;) {
      const siret = siretFrom(random.int(30_000_000, 89_999_999))
      if (sirets.has(siret)) continue
      sirets.add(siret)
      return siret
    }
  }
  return (bias: Partial<Record<Theme, number>>): SeedStartup => {
    const primary = random.weighted(themes.map((theme) => [theme, bias[theme] ?? 1] as const))
    const others = random.shuffle(themes.filter((theme) => theme !== primary))
    const name = uniqueName(primary)
    const slug = slugOf(name)
    const territory = random.weighted(territoryWeights)
    const product = random.pick(products[primary])
    const [first, last] = [random.pick(firstNames), random.pick(lastNames)]
    return {
      siret: uniqueSiret(),
      name,
      city: random.pick(citiesByTerritory[territory] ?? ['Marseille']),
      territory,
      website: `https://www.${slug}.example`,
      themes: [primary, ...others.slice(0, random.int(0, 2))],
      description: `${name} développe ${product}.`,
      product,
      contact: {
        name: `${first} ${last}`,
        email: `${slugOf(first)}.${slugOf(last)}@${slug}.example`,
        phone: phone(random),
      },
    }
  }
}
