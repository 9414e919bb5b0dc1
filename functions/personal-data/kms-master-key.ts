import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms'
import type { MasterKey } from './master-key.js'

/**
 * The master key in AWS: one customer-managed KMS key (rotation on, infra/). A data key
 * is wrapped with Encrypt and unwrapped with Decrypt under an encryption context naming
 * its subject, which CloudTrail records with every use; the key never leaves KMS, and
 * only the functions granted Decrypt can read personal data.
 *
 * @example const master = kmsMasterKey(new KMSClient({}), process.env.PERSONAL_DATA_KEY_ID)
 */
export const kmsMasterKey = (kms: KMSClient, keyId: string): MasterKey => ({
  async wrap(key, context) {
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: key, EncryptionContext: { ...context } }),
    )
    if (!CiphertextBlob) throw new Error('KMS returned no ciphertext')
    return Buffer.from(CiphertextBlob).toString('base64')
  },
  async unwrap(wrapped, context) {
    const { Plaintext } = await kms.send(
      new DecryptCommand({
        KeyId: keyId,
        CiphertextBlob: Buffer.from(wrapped, 'base64'),
        EncryptionContext: { ...context },
      }),
    )
    if (!Plaintext) throw new Error('KMS returned no plaintext')
    return Buffer.from(Plaintext)
  },
})
