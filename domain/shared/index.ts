export * from './decider.js'
export * from './errors.js'
export * from './siret.js'
export * from './territories.js'
