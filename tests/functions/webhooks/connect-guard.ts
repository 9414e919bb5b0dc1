import net from 'node:net'
import { vi } from 'vitest'

/**
 * Records every outgoing TCP connection the code under test opens, so a test can prove
 * that a refused target was refused before any connection, and that nothing but
 * loopback was ever reached.
 *
 * @example const guard = connectGuard(); …; expect(guard.hosts()).toEqual([])
 */
export const connectGuard = () => {
  const spy = vi.spyOn(net.Socket.prototype, 'connect')
  return {
    hosts: (): string[] =>
      spy.mock.calls.map(([first]) => {
        // net.createConnection hands connect() its normalized arguments: [options, callback].
        const options: unknown = Array.isArray(first) ? first[0] : first
        if (typeof options === 'object' && options !== null && 'host' in options)
          return String(options.host)
        return String(options)
      }),
    restore: () => spy.mockRestore(),
  }
}
