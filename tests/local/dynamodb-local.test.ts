import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.js'
import { createTestClient } from '../setup/test-tables.js'

const started: DynamoDbLocal[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((db) => db.stop()))
})

const start = async (options: { dataDir?: string } = {}) => {
  const db = await startDynamoDbLocal(options)
  started.push(db)
  return db
}

const tableNames = async (endpoint: string) =>
  (await createTestClient(endpoint).send(new ListTablesCommand({}))).TableNames ?? []

const createTable = (endpoint: string, name: string) =>
  createTestClient(endpoint).send(new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  }))

const tsxEval = ['--import', 'tsx', '--input-type=module', '-e']

/** A zombie (dead, not yet reaped by init) counts as gone. */
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
}

const waitUntilGone = async (pid: number, withinMs: number) => {
  const deadline = Date.now() + withinMs
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  return !isRunning(pid)
}

// Each test starts one or two JVMs (~3 s each, far more on a busy machine).
describe('startDynamoDbLocal', { timeout: 60_000 }, () => {
  it('answers on loopback, in memory, empty on every start; stop ends the JVM', async () => {
    const first = await start()
    expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`)
    expect(first.readyInMs).toBeGreaterThan(0)
    expect(await tableNames(first.endpoint)).toEqual([])
    await createTable(first.endpoint, 'kept-nowhere')
    expect(await tableNames(first.endpoint)).toEqual(['kept-nowhere'])

    await first.stop()
    expect(isRunning(first.pid)).toBe(false)

    const second = await start()
    expect(await tableNames(second.endpoint)).toEqual([])
  })

  it('keeps the tables in a data dir across a restart', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'ddb-local-')), 'nested')
    try {
      const first = await start({ dataDir })
      await createTable(first.endpoint, 'kept-on-disk')
      await first.stop()

      const second = await start({ dataDir })
      expect(await tableNames(second.endpoint)).toEqual(['kept-on-disk'])
    } finally {
      await Promise.all(started.splice(0).map((db) => db.stop()))
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('leaves no JVM behind when its parent is SIGKILLed', async () => {
    const module = pathToFileURL(resolve('local/dynamodb-local.ts')).href
    const script = `import { startDynamoDbLocal } from '${module}'
      const db = await startDynamoDbLocal()
      console.log(JSON.stringify({ pid: db.pid }))
      setInterval(() => {}, 1000)`
    const child = spawn(process.execPath, [...tsxEval, script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const jvmPid = await new Promise<number>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => done(JSON.parse(chunk.toString()).pid))
      child.once('exit', (code) => fail(new Error(`child exited with ${code}`)))
    })
    expect(isRunning(jvmPid)).toBe(true)

    child.kill('SIGKILL')

    expect(await waitUntilGone(jvmPid, 5_000)).toBe(true)
  })

  it('says in one line how to install Java when there is none', async () => {
    const module = pathToFileURL(resolve('local/dynamodb-local.ts')).href
    const script = `import { startDynamoDbLocal } from '${module}'
      await startDynamoDbLocal().catch((error) => console.log(error.message))`
    const child = spawn(process.execPath, [...tsxEval, script], {
      env: { ...process.env, PATH: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await new Promise((done) => child.once('exit', done))

    expect(output).toBe(
      'Java 17 is needed to run DynamoDB Local: apt-get install -y openjdk-17-jre-headless\n',
    )
  })
})
