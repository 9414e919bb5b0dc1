import { z } from 'zod'

/**
 * The CES Innovation Awards categories, as the CTA publishes them (the programme's editions,
 * CES 2017 onwards, plus the categories added since). The names are the values, in events,
 * reports, the feed and webhooks: they are CES's own words, and a category CES renames is a
 * new entry here, never an edit. Adding one is a compatible change (partners are told to
 * expect new values); removing or renaming one is not.
 */
export const awardCategories = [
  '3D Printing',
  'Accessibility',
  'Artificial Intelligence',
  'Beauty & Personal Care',
  'Computer Hardware & Components',
  'Computer Peripherals & Accessories',
  'Cybersecurity & Personal Privacy',
  'Digital Health',
  'Digital Imaging & Photography',
  'Drones & Unmanned Systems',
  'Embedded Technologies',
  'Enterprise Tech',
  'Fitness, Sports & Biotech',
  'Food & AgTech',
  'Gaming & eSports',
  'Headphones & Personal Audio',
  'Health & Wellness',
  'Home Appliances',
  'Home Audio & Video',
  'Human Security for All',
  'In-Vehicle Entertainment & Safety',
  'Robotics',
  'Smart Cities',
  'Smart Home',
  'Software & Mobile Apps',
  'Streaming',
  'Sustainability, Eco-Design & Smart Energy',
  'Tech for a Better World',
  'Vehicle Intelligence & Transportation',
  'Video Displays',
  'Wearable Technologies',
  'XR Technologies & Accessories',
] as const
export type AwardCategory = (typeof awardCategories)[number]

/** A listed category: what staff choose from when they record an award. */
export const awardCategory = z.enum(awardCategories)

/**
 * Only in history: an award recorded as free text (schema v1) that names none of the
 * listed categories. The text is kept beside it, in `categoryAsRecorded`.
 */
export const unlistedCategory = 'Unlisted'

/** Lower case, no accents, `&` as "and", words separated by one space. */
const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

/**
 * What staff typed before the list existed, for the categories of the period, in English
 * and in French. Only unambiguous words: a text that could mean two categories stays
 * unlisted rather than be guessed.
 */
const aliases: Readonly<Record<string, AwardCategory>> = {
  sustainability: 'Sustainability, Eco-Design & Smart Energy',
  'eco design': 'Sustainability, Eco-Design & Smart Energy',
  'smart energy': 'Sustainability, Eco-Design & Smart Energy',
  energy: 'Sustainability, Eco-Design & Smart Energy',
  environment: 'Sustainability, Eco-Design & Smart Energy',
  'developpement durable': 'Sustainability, Eco-Design & Smart Energy',
  environnement: 'Sustainability, Eco-Design & Smart Energy',
  energie: 'Sustainability, Eco-Design & Smart Energy',
  health: 'Health & Wellness',
  wellness: 'Health & Wellness',
  sante: 'Health & Wellness',
  'sante et bien etre': 'Health & Wellness',
  'e sante': 'Digital Health',
  'smart city': 'Smart Cities',
  'ville intelligente': 'Smart Cities',
  'villes intelligentes': 'Smart Cities',
  'smart home': 'Smart Home',
  'maison connectee': 'Smart Home',
  mobility: 'Vehicle Intelligence & Transportation',
  transportation: 'Vehicle Intelligence & Transportation',
  'vehicle intelligence': 'Vehicle Intelligence & Transportation',
  mobilite: 'Vehicle Intelligence & Transportation',
  software: 'Software & Mobile Apps',
  'mobile apps': 'Software & Mobile Apps',
  'apps and software': 'Software & Mobile Apps',
  logiciel: 'Software & Mobile Apps',
  drones: 'Drones & Unmanned Systems',
  drone: 'Drones & Unmanned Systems',
  cybersecurity: 'Cybersecurity & Personal Privacy',
  cybersecurite: 'Cybersecurity & Personal Privacy',
  wearables: 'Wearable Technologies',
  wearable: 'Wearable Technologies',
  fitness: 'Fitness, Sports & Biotech',
  'sports and fitness': 'Fitness, Sports & Biotech',
  ai: 'Artificial Intelligence',
  'intelligence artificielle': 'Artificial Intelligence',
  'tech for good': 'Tech for a Better World',
}

const byNormalisedName = new Map<string, AwardCategory>([
  ...awardCategories.map((name) => [normalise(name), name] as const),
  ...Object.entries(aliases),
])

/**
 * The listed category a free-text category names (its exact name in any case, spacing or
 * accents, or an alias of the period), or undefined if it names none.
 *
 * @example categoryOf('smart cities') // 'Smart Cities'
 * @example categoryOf('Santé') // 'Health & Wellness'
 */
export const categoryOf = (text: string): AwardCategory | undefined =>
  byNormalisedName.get(normalise(text))
