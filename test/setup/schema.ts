// Tables shared by several suites, created with Kysely's schema builder so every dialect gets the same
// names for its constraints.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely'
import { detectDialect } from '../../src/core/index.js'
import type { AnyDB } from './test-database.js'

/** Column type and builder for an auto-increment integer primary key on `db`'s dialect. */
export function autoIdColumn(db: Kysely<AnyDB>): ['serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return detectDialect(db) === 'postgres'
    ? ['serial', (c) => c.primaryKey()]
    : ['integer', (c) => c.primaryKey().autoIncrement()]
}

/** users(id, email unique, org+handle unique, age check > 0) and posts(id, user_id → users). */
export async function createUsersAndPosts(db: Kysely<AnyDB>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('email', 'varchar(100)', (c) => c.notNull())
    .addColumn('org', 'integer')
    .addColumn('handle', 'varchar(50)')
    .addColumn('age', 'integer')
    .addUniqueConstraint('users_email_key', ['email'])
    .addUniqueConstraint('users_org_handle_key', ['org', 'handle'])
    .addCheckConstraint('users_age_positive', sql`age > 0`)
    .execute()
  await db.schema
    .createTable('posts')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(200)')
    .addForeignKeyConstraint('posts_user_fk', ['user_id'], 'users', ['id'])
    .execute()
}
