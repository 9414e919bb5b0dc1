import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import type { FailureReason } from '../../../domain/webhooks/delivery.js'
import { errorMessage } from '../../shared/error-message.js'
import { silentLogger, type Logger } from '../../shared/logger.js'
import {
  checkTarget,
  systemLookup,
  UnsafeTargetError,
  type Lookup,
  type ResolvedAddress,
  type TargetPolicy,
} from '../url-safety.js'

/** What came of one POST: the receiver's status, or why there was none. */
type SendResult =
  | { readonly kind: 'response'; readonly statusCode: number; readonly retryAfter?: string }
  | { readonly kind: 'error'; readonly reason: FailureReason }

export type WebhookSender = (request: {
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
}) => Promise<SendResult>

interface SenderOptions {
  readonly policy: TargetPolicy
  readonly lookup?: Lookup
  /** The whole exchange, connection to response headers (default 5 s). */
  readonly timeoutMs?: number
  /**
   * Where a failure's details go (the refused target's address, the network or TLS error's
   * own text): the delivery log only gets its reason code.
   */
  readonly logger?: Logger
}

/** Connects to the address that was checked, never to a fresh (possibly rebound) answer. */
const pinnedLookup = ({ address, family }: ResolvedAddress): LookupFunction =>
  ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }) as unknown as LookupFunction

const resets = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'])
const dnsFailures = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA'])
/** OpenSSL's and Node's TLS errors: the handshake, the certificate, the protocol. */
const isTls = (code: string) =>
  code === 'EPROTO' ||
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH)/.test(
    code,
  )

/**
 * A failed POST's reason code. Its own text (addresses, host names, certificate subjects,
 * OpenSSL's internals) stays out of the delivery log partners read.
 *
 * @example reasonOf(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' })) // 'connection-refused'
 */
export const reasonOf = (error: unknown): FailureReason => {
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return 'timeout'
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  if (code === 'ECONNREFUSED') return 'connection-refused'
  if (resets.has(code)) return 'connection-reset'
  if (dnsFailures.has(code)) return 'dns-failure'
  if (isTls(code)) return 'tls-failure'
  return 'network-error'
}

/**
 * Posts a webhook the safe way: the target is checked again (DNS rebinding) and the
 * connection pinned to the checked address; no redirect is followed; the exchange is
 * bounded by a timeout; the response body is drained, never read into memory.
 *
 * @example const result = await createWebhookSender({ policy })({ url, headers, body })
 */
export const createWebhookSender =
  ({
    policy,
    lookup = systemLookup,
    timeoutMs = 5_000,
    logger = silentLogger,
  }: SenderOptions): WebhookSender =>
  async ({ url, headers, body }) => {
    let target: Awaited<ReturnType<typeof checkTarget>>
    try {
      target = await checkTarget(url, policy, lookup)
    } catch (error: unknown) {
      if (!(error instanceof UnsafeTargetError)) throw error
      logger.warn('webhook target refused', { detail: error.detail, reason: error.reason })
      return { kind: 'error', reason: 'refused-target' }
    }
    const [address] = target.addresses
    const client = target.url.protocol === 'https:' ? https : http
    return new Promise<SendResult>((resolve) => {
      const request = client.request(target.url, {
        method: 'POST',
        agent: false,
        ...(address ? { lookup: pinnedLookup(address) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'DelegationSud-Webhooks/1.0',
          ...headers,
          'content-length': String(Buffer.byteLength(body)),
        },
      })
      request.on('error', (error) => {
        const reason = reasonOf(error)
        logger.warn('webhook post failed', { reason, detail: errorMessage(error).slice(0, 500) })
        resolve({ kind: 'error', reason })
      })
      request.on('response', (response) => {
        response.on('error', () => {})
        response.resume()
        const retryAfter = response.headers['retry-after']
        resolve({
          kind: 'response',
          statusCode: response.statusCode ?? 0,
          ...(retryAfter ? { retryAfter } : {}),
        })
      })
      request.end(body)
    })
  }
