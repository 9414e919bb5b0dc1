import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import type { KMSClient } from '@aws-sdk/client-kms'
import { createKmsClient } from '../../functions/shared/kms-client.js'

/** The key the tests' functions are given as `PERSONAL_DATA_KEY_ID`, as CDK gives them a key ARN. */
export const testKeyArn = 'arn:aws:kms:eu-west-3:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'

/** One request KMS received, as it arrived on the wire. */
export interface KmsRequest {
  readonly operation: string
  readonly keyId: string | undefined
  readonly encryptionContext: Record<string, string> | undefined
}

interface WireRequest {
  readonly headers: Record<string, string>
  readonly body?: unknown
}

const material = (keyId: string) => createHmac('sha256', 'fake-kms').update(keyId).digest()
const aad = (context: Record<string, string> = {}) =>
  Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))))

const reply = (statusCode: number, body: unknown) => ({
  response: {
    statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: Readable.from([Buffer.from(JSON.stringify(body))]),
  },
})

/**
 * KMS as the SDK meets it on the wire, in process: Encrypt and Decrypt under a key per key
 * id, bound to the encryption context as KMS binds it (another context, or another key,
 * is `InvalidCiphertextException`). Each request is kept in `requests`, so a test reads
 * the key id and context the code sent. Everything above the wire (serialisation, the
 * middleware stack, our call recorder) is the real SDK's.
 *
 * @example const { client, requests } = fakeKms(); kmsMasterKey(client, testKeyArn)
 */
export const fakeKms = (): { client: KMSClient; requests: KmsRequest[] } => {
  const requests: KmsRequest[] = []
  const handle = async ({ headers, body }: WireRequest) => {
    const operation = (headers['x-amz-target'] ?? '').replace('TrentService.', '')
    const input = JSON.parse(String(body)) as {
      KeyId?: string
      Plaintext?: string
      CiphertextBlob?: string
      EncryptionContext?: Record<string, string>
    }
    requests.push({ operation, keyId: input.KeyId, encryptionContext: input.EncryptionContext })
    if (operation === 'Encrypt' && input.KeyId && input.Plaintext) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', material(input.KeyId), iv).setAAD(aad(input.EncryptionContext))
      const data = Buffer.concat([cipher.update(Buffer.from(input.Plaintext, 'base64')), cipher.final()])
      const blob = { keyId: input.KeyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') }
      return reply(200, { KeyId: input.KeyId, CiphertextBlob: Buffer.from(JSON.stringify(blob)).toString('base64') })
    }
    if (operation === 'Decrypt' && input.CiphertextBlob) {
      try {
        const blob = JSON.parse(Buffer.from(input.CiphertextBlob, 'base64').toString()) as Record<string, string>
        if (input.KeyId && input.KeyId !== blob.keyId) throw new Error('another key')
        const decipher = createDecipheriv('aes-256-gcm', material(blob.keyId ?? ''), Buffer.from(blob.iv ?? '', 'base64'), { authTagLength: 16 })
        decipher.setAAD(aad(input.EncryptionContext)).setAuthTag(Buffer.from(blob.tag ?? '', 'base64'))
        const plain = Buffer.concat([decipher.update(Buffer.from(blob.data ?? '', 'base64')), decipher.final()])
        return reply(200, { KeyId: blob.keyId, Plaintext: plain.toString('base64') })
      } catch {
        return reply(400, { __type: 'InvalidCiphertextException', message: 'The ciphertext is invalid.' })
      }
    }
    return reply(400, { __type: 'ValidationException', message: `Not served here: ${operation}` })
  }
  const client = createKmsClient({
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: { handle },
    maxAttempts: 1,
  })
  return { client, requests }
}
