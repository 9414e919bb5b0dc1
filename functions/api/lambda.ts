import { handle } from 'hono/aws-lambda'
import { traced } from '../shared/tracer.js'
import { app } from './app-instance.js'

/** API Gateway HTTP API (v2) → the Hono app, each request traced (its metrics: app-instance.ts). */
export const handler = traced('api', handle(app))
