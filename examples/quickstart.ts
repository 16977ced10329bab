// The README's quick start, verbatim (a test checks that they match and runs this file).
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, type Generated } from 'kysely'
import { createORM, isUniqueConstraintError } from 'kysera'
import { softDeletePlugin } from 'kysera/plugins/soft-delete'
import { timestampsPlugin } from 'kysera/plugins/timestamps'

interface DB {
  users: { id: Generated<number>; email: string; created_at: string | null; deleted_at: string | null }
}

const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) })
await db.schema
  .createTable('users')
  .addColumn('id', 'integer', (c) => c.primaryKey())
  .addColumn('email', 'text', (c) => c.notNull().unique())
  .addColumn('created_at', 'text')
  .addColumn('deleted_at', 'text')
  .execute()

const orm = createORM(db, [softDeletePlugin(), timestampsPlugin()])
const users = orm.createRepository({ tableName: 'users' })

const ada = await users.create({ email: 'ada@example.com' }) // created_at set for you
await users.bulkCreate([{ email: 'grace@example.com' }, { email: 'alan@example.com' }])
const page = await users.paginateCursor({ orderBy: [{ column: 'email' }], limit: 2 })
console.log(page.data.map((u) => u.email), page.pagination.hasNext) // [ 'ada@…', 'alan@…' ] true

await users.delete(ada.id) // a soft delete: the row stays, reads no longer see it
console.log(await users.count()) // 2

try {
  await users.create({ email: 'grace@example.com' })
} catch (error) {
  if (isUniqueConstraintError(error)) console.log(`409: ${error.columns.join(', ')} taken`) // 409: email taken
}
await db.destroy()
