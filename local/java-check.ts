import { spawnSync } from 'node:child_process'

/** DynamoDB Local is a Java program: without a JVM nothing local can start. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError'
  constructor() {
    super('Java 17 is needed to run DynamoDB Local: apt-get install -y openjdk-17-jre-headless')
  }
}

/**
 * Whether `java -version` runs.
 *
 * @example if (!isJavaInstalled()) console.log('no JVM')
 */
export const isJavaInstalled = (): boolean => {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore' })
  return !result.error && result.status === 0
}

/**
 * Throws JavaMissingError unless `java -version` runs.
 *
 * @example assertJavaInstalled()
 */
export const assertJavaInstalled = (): void => {
  if (!isJavaInstalled()) throw new JavaMissingError()
}
