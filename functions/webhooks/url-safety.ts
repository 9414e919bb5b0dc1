import { lookup as dnsLookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/**
 * Where webhooks may go: https only in AWS, to ports 443 and 8443 unless told, to public
 * addresses only; private addresses (and any port) only for allowlisted hosts.
 */
export interface TargetPolicy {
  readonly allowHttp: boolean
  /** Host names or addresses let through even if private (`127.0.0.1,localhost` locally). */
  readonly allowedHosts: readonly string[]
  /** The ports a target may name (a stage setting); 443 and 8443 when absent. */
  readonly allowedPorts?: readonly number[]
}

export const defaultAllowedPorts: readonly number[] = [443, 8443]

export interface ResolvedAddress {
  readonly address: string
  readonly family: number
}

/** `dns.lookup` with `all: true`: every address a host name resolves to. */
export type Lookup = (hostname: string) => Promise<readonly ResolvedAddress[]>

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/**
 * Why a target is refused, as a stable code a client can word in its reader's language
 * (the portal does): public in the API's answer, so never rename one. `not-public` covers
 * a host that does not resolve too: no DNS oracle.
 */
export const unsafeTargetCodes = [
  'invalid-url',
  'scheme-not-allowed',
  'credentials-not-allowed',
  'host-required',
  'port-not-allowed',
  'not-public',
] as const
export type UnsafeTargetCode = (typeof unsafeTargetCodes)[number]

/**
 * A target refused. `reason` completes "The URL …" and is all a partner ever reads (in
 * the API's answer and the delivery log): it says nothing DNS told us, so the API is no
 * oracle for what a name resolves to inside any network. `detail` (host, address) is for
 * our logs only. `allowed` lists what the URL may use instead (the schemes, the ports).
 */
export class UnsafeTargetError extends Error {
  override readonly name = 'UnsafeTargetError'
  constructor(
    readonly code: UnsafeTargetCode,
    readonly reason: string,
    readonly detail: string = reason,
    readonly allowed: readonly string[] = [],
  ) {
    super(reason)
  }
}

/** The reason for a host that does not resolve, or not to public addresses only. */
const notPublic = 'must name a host that resolves to public addresses only'

// IPv4: what is not global unicast (multicast 224/4, reserved 240/4 and the broadcast) and
// IANA's IPv4 special-purpose registry (private, loopback, link-local and cloud metadata,
// shared, documentation, benchmarking, 6to4 relays, AS112, AMT, protocol assignments).
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
  ['192.31.196.0', 24],
  ['192.52.193.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['192.175.48.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  forbidden.addSubnet(net, prefix, 'ipv4')

// IPv6: only global unicast (2000::/3) may pass, which leaves out loopback, unspecified,
// IPv4-mapped and -translated forms, discard prefixes (100::/64), site- and link-local,
// unique local, multicast, SRv6 (5f00::/16)… Within it, IANA's IPv6 special-purpose
// registry: protocol assignments with Teredo (2001::/23), documentation (2001:db8::/32,
// 3fff::/20), 6to4 (2002::/16); NAT64 (64:ff9b::/96) lies outside 2000::/3 already.
const globalUnicast6 = new BlockList()
globalUnicast6.addSubnet('2000::', 3, 'ipv6')
for (const [net, prefix] of [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
] as const)
  forbidden.addSubnet(net, prefix, 'ipv6')

/**
 * Whether an address is one a webhook must never reach: anything but a global unicast
 * address. IPv4-mapped, NAT64 and 6to4 forms are refused as a whole rather than decoded:
 * no public receiver needs them.
 *
 * @example isForbiddenAddress('169.254.169.254') // true
 */
export const isForbiddenAddress = (address: string): boolean => {
  const family = isIP(address)
  if (family === 4) return forbidden.check(address, 'ipv4')
  if (family === 6) return !globalUnicast6.check(address, 'ipv6') || forbidden.check(address, 'ipv6')
  return true
}

const defaultPorts: Record<string, number> = { 'https:': 443, 'http:': 80 }

/** Checks what can be checked without DNS: scheme, credentials, host. */
const parseTargetUrl = (raw: string, policy: TargetPolicy): URL => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UnsafeTargetError('invalid-url', 'not a valid URL')
  }
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:']
  if (!schemes.includes(url.protocol)) {
    const names = schemes.map((scheme) => scheme.slice(0, -1))
    throw new UnsafeTargetError(
      'scheme-not-allowed',
      `must use ${policy.allowHttp ? 'http or https' : 'https'}`,
      undefined,
      names,
    )
  }
  if (url.username || url.password)
    throw new UnsafeTargetError('credentials-not-allowed', 'must not carry credentials')
  if (!url.hostname) throw new UnsafeTargetError('host-required', 'must name a host')
  return url
}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase()

/** A receiver's port must be a web port: not SSH, SMTP, Redis… on a public host either. */
const checkPort = (url: URL, policy: TargetPolicy) => {
  const ports = policy.allowedPorts ?? defaultAllowedPorts
  const port = url.port === '' ? defaultPorts[url.protocol] : Number(url.port)
  if (port === undefined || !ports.includes(port)) {
    throw new UnsafeTargetError(
      'port-not-allowed',
      `must use port ${ports.join(' or ')}`,
      undefined,
      ports.map(String),
    )
  }
}

/**
 * Resolves a target's host (every address) and refuses it if any address is not global
 * unicast, or its port is not allowed, unless the host is allowlisted. Run when the
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
  const allowlisted = policy.allowedHosts.some((allowed) => allowed.toLowerCase() === host)
  if (!allowlisted) checkPort(url, policy)
  let addresses: readonly ResolvedAddress[]
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host)
  } catch {
    throw new UnsafeTargetError('not-public', notPublic, `host ${host} does not resolve`)
  }
  if (addresses.length === 0) throw new UnsafeTargetError('not-public', notPublic, `host ${host} does not resolve`)
  const bad = addresses.find((a) => isForbiddenAddress(a.address))
  if (bad && !allowlisted) {
    throw new UnsafeTargetError(
      'not-public',
      notPublic,
      `host ${host} resolves to a private or reserved address (${bad.address})`,
    )
  }
  return { url, addresses }
}
