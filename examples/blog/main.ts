// The Kysera demo: `npm run demo` runs it on embedded SQLite (a temporary in-memory database).
// It grows with each entry point; today it shows typed errors and composable transactions.
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, type Generated } from 'kysely'
import { detectDialect, isUniqueConstraintError, paginate, paginateCursor, resolveDatabaseError, withTransaction } from 'kysera'

interface DB {
  users: { id: Generated<number>; email: string; name: string }
  posts: { id: Generated<number>; user_id: number; title: string }
}

const step = (title: string): void => console.log(`\n== ${title}`)

async function main(): Promise<void> {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) })
  console.log(`Kysera demo on ${detectDialect(db)}`)

  step('schema')
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_email_key', ['email'])
    .execute()
  await db.schema
    .createTable('posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .execute()
  console.log('created users and posts')

  step('a transaction across tables, with a nested savepoint that fails on its own')
  await withTransaction(db, async (trx) => {
    const ann = await trx.insertInto('users').values({ email: 'ann@example.com', name: 'Ann' }).returning('id').executeTakeFirstOrThrow()
    await trx.insertInto('posts').values({ user_id: ann.id, title: 'Hello' }).execute()
    await withTransaction(trx, async (sp) => {
      await sp.insertInto('posts').values({ user_id: ann.id, title: 'Draft that will be rolled back' }).execute()
      throw new Error('changed my mind')
    }).catch((e: Error) => console.log(`savepoint rolled back: ${e.message}`))
  })
  const titles = await db.selectFrom('posts').select('title').execute()
  console.log(`posts after commit: ${titles.map((p) => p.title).join(', ')}`)

  step('pagination: offset pages with totals, keyset pages with opaque cursors')
  const ann = await db.selectFrom('users').select('id').executeTakeFirstOrThrow()
  await db.insertInto('posts').values(Array.from({ length: 11 }, (_, i) => ({ user_id: ann.id, title: `Post ${i + 1}` }))).execute()
  const offset = await paginate(db.selectFrom('posts').select(['id', 'title']).orderBy('id'), { page: 2, limit: 5 })
  console.log(`offset page 2: ${offset.data.map((p) => p.title).join(', ')} ${JSON.stringify(offset.pagination)}`)
  const orderBy = [{ column: 'id', direction: 'desc' as const }]
  let page = await paginateCursor(db.selectFrom('posts').select(['id', 'title']), { db, orderBy, limit: 5 })
  for (let n = 1; ; n++) {
    console.log(`keyset page ${n}: ${page.data.map((p) => p.title).join(', ')}`)
    if (!page.pagination.hasNext) break
    page = await paginateCursor(db.selectFrom('posts').select(['id', 'title']), { db, orderBy, limit: 5, cursor: page.pagination.nextCursor })
  }

  step('typed errors: a duplicate email becomes a 409')
  try {
    await db.insertInto('users').values({ email: 'ann@example.com', name: 'Another Ann' }).execute()
  } catch (raw) {
    const error = await resolveDatabaseError(db, raw, { table: 'users' })
    if (isUniqueConstraintError(error)) {
      console.log(`409 Conflict: ${error.columns.join(', ')} already taken (constraint ${error.constraint})`)
      console.log(`response body: ${JSON.stringify(error.toJSON())}`)
    } else {
      throw error
    }
  }

  await db.destroy()
  console.log('\ndemo finished')
}

await main()
