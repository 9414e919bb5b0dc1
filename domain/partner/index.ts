export * from './commands.js'
export * from './decider.js'
