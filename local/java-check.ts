import { spawnSync } from 'node:child_process'

/** DynamoDB Local is a Java program: without a JVM nothing local can start. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError'
  constructor() {
    super('Java 17 is needed to run DynamoDB Local: apt-get install -y openjdk-17-jre-headless')
  }
}

/**
 * Throws JavaMissingError unless `java -version` runs.
 *
 * @example assertJavaInstalled()
 */
export const assertJavaInstalled = (): void => {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore' })
  if (result.error || result.status !== 0) throw new JavaMissingError()
}
