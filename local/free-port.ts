import { createServer } from 'node:net'

/**
 * A loopback port the OS says is free right now (another process may still take it
 * before we bind it: callers retry once).
 *
 * @example const port = await freePort()
 */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('The OS gave no port'))))
    })
  })
