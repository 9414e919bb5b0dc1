import { handle } from 'hono/aws-lambda'
import { app } from './app-instance.js'

/** API Gateway HTTP API (v2) → the Hono app. */
export const handler = handle(app)
