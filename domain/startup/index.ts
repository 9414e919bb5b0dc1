export * from './commands.js'
export * from './decider.js'
export { startupErrors } from './errors.js'
