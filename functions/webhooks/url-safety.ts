import { lookup as dnsLookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/** Where webhooks may go: https only in AWS; private addresses only for allowlisted hosts. */
export interface TargetPolicy {
  readonly allowHttp: boolean
  /** Host names or addresses let through even if private (`127.0.0.1,localhost` locally). */
  readonly allowedHosts: readonly string[]
}

export interface ResolvedAddress {
  readonly address: string
  readonly family: number
}

/** `dns.lookup` with `all: true`: every address a host name resolves to. */
export type Lookup = (hostname: string) => Promise<readonly ResolvedAddress[]>

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

export class UnsafeTargetError extends Error {
  override readonly name = 'UnsafeTargetError'
  constructor(readonly reason: string) {
    super(reason)
  }
}

// Private, loopback, link-local (cloud metadata), shared, multicast and reserved ranges.
const forbidden = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  forbidden.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['::', 96],
] as const)
  forbidden.addSubnet(net, prefix, 'ipv6')

/**
 * Whether an address is one a webhook must never reach. BlockList checks IPv4-mapped
 * addresses (`::ffff:169.254.169.254`) against the IPv4 ranges; NAT64 and 6to4 forms
 * are refused as a whole rather than decoded: no public receiver needs them.
 *
 * @example isForbiddenAddress('169.254.169.254') // true
 */
export const isForbiddenAddress = (address: string): boolean => {
  const family = isIP(address)
  if (family === 0) return true
  return forbidden.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** Checks what can be checked without DNS: scheme, credentials, host. */
const parseTargetUrl = (raw: string, policy: TargetPolicy): URL => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UnsafeTargetError('not a valid URL')
  }
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:']
  if (!schemes.includes(url.protocol))
    throw new UnsafeTargetError(`must use ${policy.allowHttp ? 'http or https' : 'https'}`)
  if (url.username || url.password) throw new UnsafeTargetError('must not carry credentials')
  if (!url.hostname) throw new UnsafeTargetError('must name a host')
  return url
}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase()

/**
 * Resolves a target's host (every address) and refuses it if any address is private,
 * loopback, link-local or reserved, unless the host is allowlisted. Run when the
 * subscription is made and again before each delivery (DNS may have changed); the
 * addresses returned are the ones to connect to, so nothing resolves in between.
 *
 * @example const { url, addresses } = await checkTarget('https://hooks.example/x', policy)
 */
export const checkTarget = async (
  raw: string,
  policy: TargetPolicy,
  lookup: Lookup = systemLookup,
) => {
  const url = parseTargetUrl(raw, policy)
  const host = bareHost(url)
  let addresses: readonly ResolvedAddress[]
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host)
  } catch {
    throw new UnsafeTargetError(`host ${host} does not resolve`)
  }
  if (addresses.length === 0) throw new UnsafeTargetError(`host ${host} does not resolve`)
  const allowlisted = policy.allowedHosts.some((allowed) => allowed.toLowerCase() === host)
  const bad = addresses.find((a) => isForbiddenAddress(a.address))
  if (bad && !allowlisted) {
    throw new UnsafeTargetError(
      `host ${host} resolves to a private or reserved address (${bad.address})`,
    )
  }
  return { url, addresses }
}
