import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { kmsMasterKey } from '../../../functions/personal-data/kms-master-key.js'
import { fakeKms, testKeyArn } from '../../setup/fake-kms.js'

// The path only AWS runs: kms-master-key.ts through the real SDK, to KMS's stand-in on the
// wire. What it sends is what IAM and the key policy judge (tests/infra/observed-calls.test.ts).
describe('the KMS master key', () => {
  const subject = { purpose: 'personal-data', subject: 'startup#01J/subject#ab12' }

  it('wraps with Encrypt under the configured key and the subject as encryption context, and never sends the wrapped key back in clear', async () => {
    const { client, requests } = fakeKms()
    const key = randomBytes(32)
    const wrapped = await kmsMasterKey(client, testKeyArn).wrap(key, subject)
    expect(requests).toEqual([{ operation: 'Encrypt', keyId: testKeyArn, encryptionContext: subject }])
    expect(Buffer.from(wrapped, 'base64').includes(key)).toBe(false)
  })

  it('unwraps with Decrypt naming the same key and context, and gets the key back', async () => {
    const { client, requests } = fakeKms()
    const master = kmsMasterKey(client, testKeyArn)
    const key = randomBytes(32)
    const unwrapped = await master.unwrap(await master.wrap(key, subject), subject)
    expect(unwrapped.equals(key)).toBe(true)
    expect(requests.at(-1)).toEqual({ operation: 'Decrypt', keyId: testKeyArn, encryptionContext: subject })
  })

  it('cannot unwrap a key under another subject, nor with another key', async () => {
    const { client } = fakeKms()
    const wrapped = await kmsMasterKey(client, testKeyArn).wrap(randomBytes(32), subject)
    await expect(kmsMasterKey(client, testKeyArn).unwrap(wrapped, { ...subject, subject: 'startup#01J/subject#cd34' })).rejects.toThrow(/ciphertext/i)
    const otherKey = testKeyArn.replace(/.{4}$/, 'ffff')
    await expect(kmsMasterKey(client, otherKey).unwrap(wrapped, subject)).rejects.toThrow(/ciphertext/i)
  })
})
