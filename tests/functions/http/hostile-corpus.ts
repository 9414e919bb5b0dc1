import { validSiret } from '../../fixtures/requests.js'
import type { Body } from './transports.js'

/**
 * The hostile-input corpus: requests as an attacker, a broken client or a confused proxy
 * sends them. Each case changes one thing of an otherwise well-authenticated request: its
 * body (with a content type), a header, the query string or a path parameter. Every case
 * is thrown at every route it applies to (see hostile-corpus.test.ts).
 */
export type HostileCase =
  | { readonly kind: 'body'; readonly name: string; readonly contentType?: string; readonly body?: Body }
  | { readonly kind: 'header'; readonly name: string; readonly headers: Record<string, string> }
  | { readonly kind: 'query'; readonly name: string; readonly query: string }
  | { readonly kind: 'param'; readonly name: string; readonly param: string }

const bytes = (...values: number[]) => new Uint8Array(values)
const utf8 = (text: string) => new TextEncoder().encode(text)
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const json = 'application/json'
const form = 'application/x-www-form-urlencoded'

/** Content types, each tried with an empty body, a JSON object and a form. */
const contentTypes = [
  undefined,
  json,
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json;charset=latin1',
  'APPLICATION/JSON',
  ' application/json',
  'application/json, text/plain',
  'application/problem+json',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'application/jsonx',
  'application/json; boundary=x; charset=utf-8; q=0.5',
  form,
  'application/x-www-form-urlencoded; charset=utf-8',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'multipart/form-data; boundary=',
  'text/plain',
  'text/html',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'image/png',
  'x',
  'application/' + 'a'.repeat(2_000),
]

const nested = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth)
const nestedForm = (depth: number) => `a${'[b]'.repeat(depth)}=1`

let sirets = 60_000_000

/**
 * A valid-looking application whose one field carries `value` (JSON-encoded as given), each
 * with a SIRET of its own: were one accepted, the next would still go as deep.
 */
const application = (field: string, value: unknown) => {
  const body: Record<string, unknown> = {
    startup: {
      name: 'Calanques Tech',
      siret: validSiret(++sirets),
      city: 'Marseille',
      territory: 'aix-marseille-provence',
      website: 'https://calanques.example',
      themes: ['environment'],
      description: 'Solar desalination',
    },
    contact: { name: 'Inès Martin', email: 'ines@calanques.example' },
    pitch: 'Drinking water from the sea.',
    consent: true,
  }
  const [head, tail] = field.split('.') as [string, string | undefined]
  if (tail) (body[head] as Record<string, unknown>)[tail] = value
  else body[head] = value
  return JSON.stringify(body)
}

/** Characters no single-line field may hold (and most multi-line ones neither). */
const hostileCharacters: Record<string, string> = {
  NUL: '\u0000',
  'C0 escape': '\u001B[31m',
  DEL: '\u007F',
  NEL: '\u0085',
  'C1 control': '\u009B',
  'right-to-left override': '\u202E',
  'left-to-right isolate': '\u2066',
  'zero-width space': '\u200B',
  'zero-width joiner': '\u200D',
  'byte order mark': '\uFEFF',
  'soft hyphen': '\u00AD',
  'line separator': '\u2028',
  'paragraph separator': '\u2029',
  'interlinear annotation': '\uFFF9',
  'tag character': '\u{E0041}',
  'lone high surrogate': '\uD800',
  'lone low surrogate': '\uDC00',
  'noncharacter U+FFFF': '\uFFFF',
  'carriage return': '\r',
  'line feed': '\n',
  tab: '\t',
}

const bodyCases = (): HostileCase[] => {
  const cases: HostileCase[] = []
  const add = (name: string, body: Body, contentType: string | undefined = json) =>
    cases.push({ kind: 'body', name, body, ...(contentType === undefined ? {} : { contentType }) })

  cases.push({ kind: 'body', name: 'no body, no content type' })
  for (const type of contentTypes) {
    const label = type === undefined ? 'no content type' : JSON.stringify(type.slice(0, 60))
    add(`empty body, ${label}`, '', type)
    add(`JSON object, ${label}`, '{"a":1}', type)
    add(`form fields, ${label}`, 'a=1&b[c]=2', type)
  }

  // Not JSON, or not whole.
  for (const text of ['', ' ', '\n', 'null', 'true', '0', '-1', '"text"', '[]', '{}', '[{}]', '{', '}', '[', '{"a":', '{"a":1', '{"a":1,}', "{'a':1}", '{a:1}', '{"a":1}{"b":2}', '{"a":1} trailing', '\u0000', 'NaN', 'Infinity', '-Infinity', 'undefined', '0x10', '01', '1e999', '-1e999', '1e-400', '-0', '9007199254740993', '123456789012345678901234567890', '{"a":1e999}', '{"a":-0}', '"\\ud800"', '"\\u0000"', '{"\\u0000":1}'])
    add(`JSON text ${JSON.stringify(text)}`, text)
  add('UTF-8 byte order mark before JSON', '\uFEFF{"a":1}')
  add('UTF-16 LE JSON', concat(bytes(0xff, 0xfe), ...[...'{"a":1}'].map((ch) => bytes(ch.charCodeAt(0), 0))))

  // Bytes that are not UTF-8.
  add('overlong "/" (C0 AF)', concat(utf8('{"pitch":"'), bytes(0xc0, 0xaf), utf8('"}')))
  add('overlong NUL (C0 80)', concat(utf8('{"pitch":"'), bytes(0xc0, 0x80), utf8('"}')))
  add('overlong 3-byte "." (E0 80 AE)', concat(utf8('{"pitch":"'), bytes(0xe0, 0x80, 0xae), utf8('"}')))
  add('UTF-16 surrogate as UTF-8 (ED A0 80)', concat(utf8('{"pitch":"'), bytes(0xed, 0xa0, 0x80), utf8('"}')))
  add('beyond U+10FFFF (F4 90 80 80)', concat(utf8('{"pitch":"'), bytes(0xf4, 0x90, 0x80, 0x80), utf8('"}')))
  add('truncated sequence (E2 82)', concat(utf8('{"pitch":"'), bytes(0xe2, 0x82)))
  add('bare continuation bytes', bytes(0x80, 0x81, 0xbf))
  add('Latin-1 "é" (E9)', concat(utf8('{"pitch":"caf'), bytes(0xe9), utf8('"}')))
  add('overlong form value', concat(utf8('pitch='), bytes(0xc0, 0xaf)), form)
  add('percent-encoded overlong form value', 'pitch=%C0%AF&consent=on', form)
  add('broken percent-encoding in a form', 'pitch=%E0%A4%A&startup[name]=%', form)

  // Sizes.
  add('body just over the limit', JSON.stringify({ pitch: 'x'.repeat(70_000) }))
  add('body of 1 MiB', 'x'.repeat(1 << 20), 'text/plain')
  add('JSON of 1 MiB', `{"a":"${'x'.repeat(1 << 20)}"}`)
  add('form of 1 MiB', `pitch=${'x'.repeat(1 << 20)}`, form)
  add('string field of 60 KB', application('pitch', 'y'.repeat(60_000)))
  add('5,000 keys', JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))))
  add('array of 20,000 themes', application('startup.themes', Array.from({ length: 20_000 }, () => 'x')))

  // Depth.
  for (const depth of [100, 1_000, 20_000]) {
    add(`arrays nested ${depth} deep`, nested(depth, '[', ']'))
    add(`objects nested ${depth} deep`, nested(depth, '{"a":', '}'))
    add(`form name nested ${depth} deep`, nestedForm(depth), form)
  }
  add('application with a field nested 5,000 deep', application('pitch', JSON.parse(nested(1_000, '[', ']'))))

  // Prototype pollution.
  for (const [name, text] of [
    ['__proto__ key', '{"__proto__":{"admin":true,"roles":["admin"]}}'],
    ['constructor.prototype key', '{"constructor":{"prototype":{"admin":true}}}'],
    ['__proto__ inside startup', application('startup', { __proto__: null, ...JSON.parse('{"__proto__":{"polluted":true}}') })],
    ['nested __proto__', '{"startup":{"__proto__":{"siret":"73282932000074"}}}'],
    ['prototype key', '{"prototype":{"x":1}}'],
    ['hasOwnProperty key', '{"hasOwnProperty":1,"toString":2,"valueOf":3}'],
  ] as const)
    add(`JSON ${name}`, text)
  for (const name of ['__proto__[admin]', 'constructor[prototype][admin]', 'startup[__proto__][siret]', 'prototype[x]', '__proto__', 'startup[constructor][name]', 'toString'])
    add(`form ${name}`, `${encodeURIComponent(name)}=1&${name}=2`, form)

  // Wrong types, in an otherwise valid application.
  for (const [field, value] of [
    ['startup', 'Calanques'],
    ['startup', []],
    ['startup', null],
    ['startup.name', 42],
    ['startup.name', ['a', 'b']],
    ['startup.name', { first: 'x' }],
    ['startup.siret', 73282932000074],
    ['startup.siret', '7328293200007'],
    ['startup.siret', '7328293200007４'],
    ['startup.themes', 'environment'],
    ['startup.themes', [1, 2]],
    ['startup.territory', 'atlantis'],
    ['startup.website', 'javascript:alert(1)'],
    ['startup.website', 'https://' + 'a'.repeat(600) + '.example'],
    ['contact', 'x'],
    ['contact.email', 'not an e-mail'],
    ['contact.email', 'a@b.c\r\nBcc: x@y.z'],
    ['contact.phone', '+33 4 91 00 00 00; DROP TABLE'],
    ['pitch', 1e308],
    ['pitch', true],
    ['consent', 'true'],
    ['consent', 1],
    ['consent', false],
    ['occurredAt', '2019-02-30T00:00:00Z'],
    ['occurredAt', '+275760-09-13T00:00:00.001Z'],
    ['occurredAt', 1e15],
  ] as const)
    add(`${field} as ${JSON.stringify(value).slice(0, 40)}`, application(field, value))

  // Hostile characters in text fields.
  for (const [name, character] of Object.entries(hostileCharacters)) {
    add(`${name} in the start-up's name`, application('startup.name', `Calanques${character}Tech`))
  }
  add('only spaces as a name', application('startup.name', '   '))
  add('only a zero-width space as a name', application('startup.name', '\u200B'))
  add('name of 201 characters', application('startup.name', 'n'.repeat(201)))
  add('name that is only a combining mark', application('startup.name', '\u0301'.repeat(201)))
  add('name of 10,000 combining marks', application('startup.name', 'a' + '\u0301'.repeat(10_000)))

  // Numbers at the edges, where a body takes one.
  for (const value of ['0', '-1', '1.5', '1e3', '2147483648', '9007199254740993', '1e308', '-0', '"30"', 'null', '[]'])
    add(`capacity ${value}`, `{"id":"ces-2020","name":"CES","show":"CES","city":"Las Vegas","startsOn":"2027-01-06","endsOn":"2027-01-09","applicationDeadline":"2026-12-15T23:59:59+01:00","capacity":${value}}`)
  for (const value of ['-1', '604801', '1.5', '1e400', '"60"', 'null'])
    add(`overlapSeconds ${value}`, `{"overlapSeconds":${value}}`)

  // Multipart that lies about its parts.
  add('multipart without its closing boundary', '--x\r\nContent-Disposition: form-data; name="pitch"\r\n\r\nhello', 'multipart/form-data; boundary=x')
  add('multipart with a file part', '--x\r\nContent-Disposition: form-data; name="pitch"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--\r\n', 'multipart/form-data; boundary=x')
  add('multipart with another boundary', '--y\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--y--\r\n', 'multipart/form-data; boundary=x')
  return cases
}

const headerCases = (): HostileCase[] => {
  const header = (name: string, headers: Record<string, string>): HostileCase => ({ kind: 'header', name, headers })
  const jwtPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${jwtPart({ alg: 'none', typ: 'JWT' })}.${jwtPart({ sub: 'x', groups: ['admin'], 'cognito:groups': ['admin'] })}.`
  const hs256 = `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: 'x', 'cognito:groups': ['admin'] })}.c2lnbmF0dXJl`
  return [
    header('no credentials at all', { Authorization: '', 'X-Api-Key': '' }),
    header('Authorization: Bearer (no token)', { Authorization: 'Bearer' }),
    header('Authorization: Bearer with spaces', { Authorization: 'Bearer    ' }),
    header('Authorization: Basic', { Authorization: 'Basic YWRtaW46YWRtaW4=' }),
    header('Authorization: garbage token', { Authorization: 'Bearer not.a.jwt' }),
    header('Authorization: token of 8 KB', { Authorization: `Bearer ${'a'.repeat(8_000)}` }),
    header('Authorization: alg none', { Authorization: `Bearer ${unsigned}` }),
    header('Authorization: alg HS256', { Authorization: `Bearer ${hs256}` }),
    header('Authorization: two schemes', { Authorization: 'Bearer a, Bearer b' }),
    header('Authorization: lower-case scheme, no token', { Authorization: 'bearer ' }),
    header('X-Api-Key: empty', { 'X-Api-Key': '' }),
    header('X-Api-Key: garbage', { 'X-Api-Key': 'dsk_nope' }),
    header('X-Api-Key: right shape, unknown', { 'X-Api-Key': `dsk_${'0'.repeat(24)}_${'A'.repeat(43)}` }),
    header('X-Api-Key: 8 KB', { 'X-Api-Key': 'k'.repeat(8_000) }),
    header('X-Api-Key: Unicode', { 'X-Api-Key': 'dsk_\u00e9\u00e9' }),
    header('X-Api-Key and a bearer token', { 'X-Api-Key': 'dsk_nope', Authorization: 'Bearer x' }),
    header('Idempotency-Key: empty', { 'Idempotency-Key': '' }),
    header('Idempotency-Key: 300 characters', { 'Idempotency-Key': 'k'.repeat(300) }),
    header('Idempotency-Key: spaces', { 'Idempotency-Key': 'a b c' }),
    header('Idempotency-Key: Latin-1', { 'Idempotency-Key': 'cl\u00e9' }),
    header('If-Match: garbage', { 'If-Match': 'nope' }),
    header('If-Match: weak ETag', { 'If-Match': 'W/"1"' }),
    header('If-Match: star', { 'If-Match': '*' }),
    header('If-Match: huge version', { 'If-Match': '"99999999999999999999999"' }),
    header('If-Match: negative version', { 'If-Match': '"-1"' }),
    header('If-Match: list', { 'If-Match': '"1", "2"' }),
    header('X-Correlation-Id: 8 KB', { 'X-Correlation-Id': 'c'.repeat(8_000) }),
    header('X-Correlation-Id: Latin-1', { 'X-Correlation-Id': '\u00ff\u00fe' }),
    header('Accept: text/csv', { Accept: 'text/csv' }),
    header('Accept: nothing acceptable', { Accept: 'image/png' }),
    header('Accept: garbage', { Accept: ';;;,,,q=x' }),
    header('Accept-Encoding: br, gzip', { 'Accept-Encoding': 'br, gzip, deflate, zstd' }),
    header('Origin: another site', { Origin: 'https://evil.example' }),
    header('Origin: null', { Origin: 'null' }),
    header('X-Forwarded-For: spoofed', { 'X-Forwarded-For': '127.0.0.1, 10.0.0.1' }),
    header('X-Forwarded-For: garbage', { 'X-Forwarded-For': 'not-an-address' }),
    header('Host: another', { 'X-Forwarded-Host': 'evil.example' }),
    header('Cookie: junk', { Cookie: '__proto__=1; a=%' }),
    header('Range: bytes', { Range: 'bytes=0-1' }),
    header('Content-Encoding: gzip on plain JSON', { 'Content-Encoding': 'gzip' }),
  ]
}

const queryCases = (): HostileCase[] =>
  [
    ['limit below range', 'limit=0'],
    ['limit negative', 'limit=-1'],
    ['limit huge', 'limit=1e999'],
    ['limit not a number', 'limit=abc'],
    ['limit fractional', 'limit=1.5'],
    ['limit repeated', 'limit=1&limit=2'],
    ['limit with spaces', 'limit=%201%20'],
    ['cursor garbage', 'cursor=%00%01&after=%00'],
    ['cursor huge', `cursor=${'a'.repeat(5_000)}&after=${'a'.repeat(5_000)}`],
    ['cursor base64 of JSON', `cursor=${Buffer.from('{"__proto__":1}').toString('base64url')}&after=${Buffer.from('{"position":-1}').toString('base64url')}`],
    ['types unknown', 'types=no.such,award.won'],
    ['types empty entries', 'types=,,,'],
    ['types huge', `types=${'award.won,'.repeat(500)}`],
    ['editionId with a slash', 'editionId=a%2Fb'],
    ['territory unknown', 'territory=atlantis&theme=%E2%80%AE'],
    ['fromVersion negative', 'fromVersion=-5'],
    ['fromVersion huge', 'fromVersion=99999999999999999999'],
    ['status unknown', 'status=lost'],
    ['partnerId long', `partnerId=${'p'.repeat(500)}`],
    ['__proto__ parameter', '__proto__=x&constructor[prototype][admin]=1'],
    ['broken percent-encoding', 'limit=%E0%A4%A&cursor=%'],
    ['overlong UTF-8 escape', 'editionId=%C0%AE%C0%AE&theme=%C0%AF'],
    ['bare ampersands', '&&&=&=='],
    ['query of 16 KB', `x=${'q'.repeat(16_000)}`],
    ['NUL in a value', 'editionId=ces%002020'],
  ].map(([name, query]) => ({ kind: 'query', name: name as string, query: query as string }))

const paramCases = (): HostileCase[] =>
  [
    ['empty', ''],
    ['NUL', '%00'],
    ['dot-dot', '..'],
    ['encoded slash traversal', '..%2F..%2Fetc%2Fpasswd'],
    ['encoded backslash', '..%5C..'],
    ['300 characters', 'a'.repeat(300)],
    ['5,000 characters', 'b'.repeat(5_000)],
    ['right-to-left override', '%E2%80%AEces'],
    ['zero-width space', 'ces%E2%80%8B2020'],
    ['emoji', '%F0%9F%98%80'],
    ['overlong dot', '%C0%AE%C0%AE'],
    ['broken percent-encoding', '%E0%A4%A'],
    ['lone percent', '%'],
    ['upper case', 'CES-2020'],
    ['spaces', 'ces%202020'],
    ['query-like', 'x%3Fa%3D1'],
    ['fragment-like', 'x%23y'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['JSON', '%7B%22a%22%3A1%7D'],
    ['SQL', "1'%20OR%20'1'%3D'1"],
    ['CSV suffix only', '.csv'],
    ['negative number', '-1'],
    ['huge number', '99999999999999999999999'],
    ['line break', 'a%0D%0Ab'],
  ].map(([name, param]) => ({ kind: 'param', name: name as string, param: param as string }))

/** The whole corpus. */
export const hostileCorpus = (): HostileCase[] => [...bodyCases(), ...headerCases(), ...queryCases(), ...paramCases()]
