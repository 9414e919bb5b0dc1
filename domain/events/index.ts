export * from './event-data.js'
export * from './event-types.js'
export * from './envelope.js'
export * from './personal-data.js'
