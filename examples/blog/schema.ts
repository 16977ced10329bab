// The blog's migrations: users, posts, comments, and the audit table — written once for every dialect.
import { sql, type Generated, type Kysely } from 'kysely'
import { detectDialect } from 'kysera'
import { createMigration } from 'kysera/migrations'
import { createAuditTable } from 'kysera/plugins/audit'

export interface DB {
  users: { id: Generated<number>; email: string; name: string; created_at: string | null; updated_at: string | null; deleted_at: string | null }
  posts: { id: Generated<number>; user_id: number; title: string; body: string; created_at: string | null; updated_at: string | null; deleted_at: string | null }
  comments: { id: Generated<number>; post_id: number; author: string; text: string; created_at: string | null; updated_at: string | null }
}

// Application code may choose column types per dialect; Kysera's own code asks its dialect adapter.
const TYPES = {
  postgres: { id: 'serial primary key', ts: 'timestamptz' },
  mysql: { id: 'integer auto_increment primary key', ts: 'datetime(3)' },
  sqlite: { id: 'integer primary key autoincrement', ts: 'text' },
} as const
const id = (db: Kysely<unknown>) => sql`id ${sql.raw(TYPES[detectDialect(db)].id)}`
const ts = (db: Kysely<unknown>) => sql.raw(TYPES[detectDialect(db)].ts)

export const migrations = [
  createMigration(
    '001_users',
    async (db) => {
      await sql`create table users (${id(db)}, email varchar(200) not null, name varchar(100) not null, created_at ${ts(db)}, updated_at ${ts(db)}, deleted_at ${ts(db)}, constraint users_email_key unique (email))`.execute(db)
    },
    async (db) => {
      await db.schema.dropTable('users').execute()
    },
    { description: 'users with a unique email' },
  ),
  createMigration(
    '002_posts_and_comments',
    async (db) => {
      await sql`create table posts (${id(db)}, user_id integer not null references users (id), title varchar(200) not null, body varchar(2000) not null, created_at ${ts(db)}, updated_at ${ts(db)}, deleted_at ${ts(db)})`.execute(db)
      await sql`create table comments (${id(db)}, post_id integer not null references posts (id), author varchar(100) not null, text varchar(1000) not null, created_at ${ts(db)}, updated_at ${ts(db)})`.execute(db)
    },
    async (db) => {
      await db.schema.dropTable('comments').execute()
      await db.schema.dropTable('posts').execute()
    },
  ),
  createMigration(
    '003_audit_logs',
    (db) => createAuditTable(db),
    async (db) => {
      await db.schema.dropTable('audit_logs').execute()
    },
  ),
]
