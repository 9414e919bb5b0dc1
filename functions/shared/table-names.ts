import { z } from 'zod'
import { physicalTableName, tables, type TableKey } from './tables.js'

export type TableNames = Record<TableKey, string>

/**
 * The physical names of the tables a Lambda uses, from the environment
 * (`EVENTS_TABLE`, …), parsed once at cold start. Each Lambda is given only the
 * variables of its own tables, so it asks for just those.
 *
 * @example const { events, guards } = tableNamesFromEnv(process.env, ['events', 'guards'])
 */
export const tableNamesFromEnv = <K extends TableKey>(
  env: NodeJS.ProcessEnv,
  keys: readonly K[],
): Pick<TableNames, K> => {
  const schema = z.object(
    Object.fromEntries(keys.map((key) => [tables[key].envVar, z.string().min(1)])),
  )
  const parsed = schema.parse(env) as Record<string, string>
  return Object.fromEntries(keys.map((key) => [key, parsed[tables[key].envVar]])) as Pick<
    TableNames,
    K
  >
}

/** The names for one prefix, as the local runtime and the tests create them. */
export const tableNamesForPrefix = (prefix: string): TableNames =>
  Object.fromEntries(
    Object.entries(tables).map(([key, table]) => [key, physicalTableName(prefix, table)]),
  ) as TableNames

/** The environment variables that carry `names`, for a Lambda or a child process. */
export const tableEnv = (names: TableNames): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tables).map(([key, table]) => [table.envVar, names[key as TableKey]]),
  )
