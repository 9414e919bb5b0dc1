/**
 * The words the invented start-ups are made of: Provençal and Riviera names, the
 * programme's themes, the cities of each published territory, French first names.
 * Every company, person and website here is fictional (websites end in `.example`).
 */

export const themes = [
  'environment',
  'health',
  'mobility',
  'smart-city',
  'ai',
  'energy',
  'food',
  'tourism',
  'industry',
  'maritime',
] as const
export type Theme = (typeof themes)[number]

export const namePrefixes = [
  'Calanques', 'Mistral', 'Azur', 'Lavande', 'Garrigue', 'Sainte-Victoire', 'Estérel',
  'Verdon', 'Camargue', 'Alpilles', 'Luberon', 'Ventoux', 'Riviera', 'Cigale', 'Olivier',
  'Posidonie', 'Mérou', 'Santon', 'Tramontane', 'Sirocco', 'Massilia', 'Phocée', 'Nikaïa',
  'Antipolis', 'Porquerolles', 'Lérins', 'Durance', 'Sorgue', 'Restanque', 'Pétanque',
  'Bastide', 'Cassis', 'Frioul', 'Rade', 'Canebière', 'Baou', 'Mercantour', 'Écrins',
] as const

/** Suffixes by theme, so a name says roughly what the start-up does. */
export const nameSuffixes: Record<Theme, readonly string[]> = {
  environment: ['Écologie', 'Green', 'Recyclage', 'Eau', 'Climat'],
  health: ['Santé', 'Médical', 'Care', 'Bio', 'Diagnostics'],
  mobility: ['Mobilité', 'Drive', 'Vélo', 'Transport', 'Move'],
  'smart-city': ['City', 'Urbain', 'Connect', 'Sense', 'Lumière'],
  ai: ['IA', 'Data', 'Vision', 'Analytics', 'Cognition'],
  energy: ['Énergie', 'Solaire', 'Hydrogène', 'Watt', 'Power'],
  food: ['Saveurs', 'Agri', 'Terroir', 'Food', 'Récolte'],
  tourism: ['Voyages', 'Tour', 'Escapade', 'Patrimoine', 'Guide'],
  industry: ['Industrie', 'Robotics', 'Systèmes', 'Usinage', 'Factory'],
  maritime: ['Marine', 'Océan', 'Blue', 'Nautic', 'Port'],
}

/** What a start-up of each theme makes, for its description and its pitch. */
export const products: Record<Theme, readonly string[]> = {
  environment: [
    'des capteurs qui mesurent la qualité de l’air en temps réel',
    'une filière de recyclage des plastiques marins',
    'une plateforme de suivi de l’empreinte carbone des PME',
  ],
  health: [
    'un dispositif de télésurveillance des patients chroniques',
    'un test de diagnostic rapide au point de soin',
    'une application de rééducation guidée par capteurs',
  ],
  mobility: [
    'des vélos cargo électriques pour la logistique urbaine',
    'une application de covoiturage domicile-travail',
    'un système de recharge intelligente pour flottes électriques',
  ],
  'smart-city': [
    'un éclairage public qui s’adapte à la fréquentation',
    'des bornes connectées pour la gestion des déchets',
    'un jumeau numérique des réseaux d’eau',
  ],
  ai: [
    'une vision par ordinateur pour le contrôle qualité',
    'un assistant conversationnel pour les services publics',
    'des modèles prédictifs de la demande énergétique',
  ],
  energy: [
    'des panneaux solaires flottants',
    'une pile à hydrogène pour les navires de plaisance',
    'un pilotage intelligent des consommations des bâtiments',
  ],
  food: [
    'une traçabilité de l’huile d’olive par la blockchain',
    'des serres verticales économes en eau',
    'une plateforme de circuits courts pour la restauration',
  ],
  tourism: [
    'des visites en réalité augmentée du patrimoine provençal',
    'une billetterie unifiée des sites naturels protégés',
    'un guide audio géolocalisé des villages perchés',
  ],
  industry: [
    'des robots collaboratifs pour les ateliers de précision',
    'une maintenance prédictive des machines-outils',
    'une impression 3D métal pour l’aéronautique',
  ],
  maritime: [
    'des drones sous-marins d’inspection des coques',
    'une bouée connectée de surveillance des herbiers',
    'un routage météo pour la marine marchande',
  ],
}

/** The cities of each published territory (domain/shared/territories.ts). */
export const citiesByTerritory: Record<string, readonly string[]> = {
  'aix-marseille-provence': [
    'Marseille',
    'Aix-en-Provence',
    'La Ciotat',
    'Aubagne',
    'Martigues',
    'Gardanne',
  ],
  'toulon-provence-mediterranee': ['Toulon', 'La Seyne-sur-Mer', 'Hyères', 'La Garde'],
  'nice-cote-d-azur': ['Nice', 'Cagnes-sur-Mer', 'Saint-Laurent-du-Var', 'Carros'],
  'sophia-antipolis': ['Valbonne', 'Antibes', 'Biot', 'Vallauris'],
  'cannes-pays-de-lerins': ['Cannes', 'Mougins', 'Le Cannet'],
  'esterel-cote-d-azur': ['Fréjus', 'Saint-Raphaël'],
  'dracenie-provence-verdon': ['Draguignan', 'Le Luc'],
  'grand-avignon': ['Avignon', 'Le Pontet'],
  'arles-crau-camargue-montagnette': ['Arles', 'Tarascon'],
  'alpes-de-haute-provence': ['Digne-les-Bains', 'Manosque', 'Forcalquier'],
  'hautes-alpes': ['Gap', 'Briançon', 'Embrun'],
}

/** How often start-ups come from each territory: the metropolises and Sophia lead. */
export const territoryWeights: readonly (readonly [string, number])[] = [
  ['aix-marseille-provence', 30],
  ['nice-cote-d-azur', 20],
  ['sophia-antipolis', 18],
  ['toulon-provence-mediterranee', 12],
  ['cannes-pays-de-lerins', 4],
  ['esterel-cote-d-azur', 3],
  ['dracenie-provence-verdon', 2],
  ['grand-avignon', 4],
  ['arles-crau-camargue-montagnette', 2],
  ['alpes-de-haute-provence', 3],
  ['hautes-alpes', 2],
]

export const firstNames = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Julie', 'Emma', 'Claire', 'Mathilde',
  'Lucas', 'Hugo', 'Thomas', 'Nicolas', 'Julien', 'Mehdi', 'Antoine', 'Romain', 'Karim', 'Paul',
] as const

export const lastNames = [
  'Martin', 'Bernard', 'Roux', 'Fabre', 'Giraud', 'Blanc', 'Guérin', 'Pellegrin', 'Olivieri',
  'Bensaïd', 'Castellani', 'Arnaud', 'Chabert', 'Reynaud', 'Mouret', 'Bonnet', 'Marchetti',
] as const

/** CES Innovation Awards categories of the period. */
export const awardCategories: Record<Theme, string> = {
  environment: 'Sustainability, Eco-Design & Smart Energy',
  health: 'Health & Wellness',
  mobility: 'Vehicle Intelligence & Transportation',
  'smart-city': 'Smart Cities',
  ai: 'Software & Mobile Apps',
  energy: 'Sustainability, Eco-Design & Smart Energy',
  food: 'Home Appliances',
  tourism: 'Tech for a Better World',
  industry: 'Embedded Technologies',
  maritime: 'Drones & Unmanned Systems',
}
