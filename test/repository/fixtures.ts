// Tables the repository suites share: `people` (auto-increment id, unique email, nullable age) and
// `tags` (string uuid key).
import { sql, type Generated, type Kysely } from 'kysely'
import type { AnyDB } from '../setup/dialects.js'
import { autoIdColumn } from '../setup/schema.js'

export interface PeopleTable {
  id: Generated<number>
  email: string
  name: string
  age: number | null
  bio: string | null
}

export interface TagsTable {
  id: string
  label: string
  weight: number
}

export interface TestDB {
  people: PeopleTable
  tags: TagsTable
}

export async function createPeopleAndTags(db: Kysely<AnyDB>): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('email', 'varchar(100)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('age', 'integer')
    .addColumn('bio', 'varchar(200)')
    .addUniqueConstraint('people_email_key', ['email'])
    .addCheckConstraint('people_age_positive', sql`age > 0`)
    .execute()
  await db.schema
    .createTable('tags')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('label', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .execute()
}

/** Empties both tables (and restarts PostgreSQL/MySQL ids) between tests. */
export async function resetPeopleAndTags(db: Kysely<AnyDB>): Promise<void> {
  await db.deleteFrom('people').execute()
  await db.deleteFrom('tags').execute()
}

/** SQL statements a connection sent (and their parameter counts), for statement counts. */
export function statementLog(): { sql: string[]; parameters: number[]; onQuery: (q: { sql: string; parameters: readonly unknown[] }) => void } {
  const sql: string[] = []
  const parameters: number[] = []
  return {
    sql,
    parameters,
    onQuery: (q) => {
      sql.push(q.sql)
      parameters.push(q.parameters.length)
    },
  }
}
