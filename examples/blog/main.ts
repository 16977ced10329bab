// The Kysera demo: `npm run demo` runs the blog end to end on embedded SQLite (in memory);
// `DATABASE_URL=postgres://… npm run demo` (or mysql://…) runs it on a server and cleans up after itself.
import Database from 'better-sqlite3'
import { Kysely, MysqlDialect, PostgresDialect, type Dialect } from 'kysely'
import { checkDatabaseHealth, createORM, detectDialect, isUniqueConstraintError, KyseraSqliteDialect, type Repository } from 'kysera'
import { createMigrationRunner } from 'kysera/migrations'
import { auditPlugin, withAuditContext, type AuditMethods } from 'kysera/plugins/audit'
import { softDeletePlugin, type SoftDeleteMethods } from 'kysera/plugins/soft-delete'
import { timestampsPlugin } from 'kysera/plugins/timestamps'
import { z } from 'zod'
import { migrations, type DB } from './schema.js'

const step = (title: string): void => console.log(`\n== ${title}`)

async function dialectFromEnv(): Promise<{ dialect: Dialect; server: boolean }> {
  const url = process.env.DATABASE_URL
  if (url === undefined || url === '') return { dialect: new KyseraSqliteDialect({ database: new Database(':memory:') }), server: false }
  if (url.startsWith('postgres')) {
    const pg = (await import('pg')).default
    return { dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }), server: true }
  }
  if (url.startsWith('mysql')) {
    const mysql = (await import('mysql2')).default
    return { dialect: new MysqlDialect({ pool: mysql.createPool({ uri: url }) }), server: true }
  }
  throw new Error(`DATABASE_URL must start with postgres:// or mysql:// (got ${url.slice(0, 12)}…)`)
}

const CreateUser = z.object({ email: z.email(), name: z.string().min(1) })
const CreatePost = z.object({ user_id: z.number().int(), title: z.string().min(3), body: z.string() })
const CreateComment = z.object({ post_id: z.number().int(), author: z.string(), text: z.string().min(1) })

async function main(): Promise<void> {
  const { dialect, server } = await dialectFromEnv()
  const db = new Kysely<DB>({ dialect })
  console.log(`Kysera demo on ${detectDialect(db)}`)
  const runner = createMigrationRunner(db, migrations)

  try {
    step('migrations')
    for (const r of await runner.up()) console.log(`applied ${r.name} (${r.durationMs} ms)`)

    const orm = createORM(db, [softDeletePlugin(), timestampsPlugin({ dateFormat: 'date' }), auditPlugin({ getUserId: () => 'demo' })])
    const users = orm.createRepository({ tableName: 'users', schemas: { create: CreateUser } })
    type Posts = Repository<DB, 'posts', DB['posts'] & { id: number }, z.input<typeof CreatePost>, Partial<z.input<typeof CreatePost>>> &
      SoftDeleteMethods<{ id: number; title: string }> &
      AuditMethods<{ id: number; title: string }>
    const posts = orm.createRepository({ tableName: 'posts', schemas: { create: CreatePost } }) as unknown as Posts
    const comments = orm.createRepository({ tableName: 'comments', schemas: { create: CreateComment } })

    step('one transaction across three repositories (savepoints inside, audited, timestamped)')
    const { author, post } = await withAuditContext({ userId: 'ann' }, () =>
      orm.transaction(async (tx) => {
        const author = await tx.createRepository({ tableName: 'users', schemas: { create: CreateUser } }).create({ email: 'ann@example.com', name: 'Ann' })
        const post = await tx.createRepository({ tableName: 'posts', schemas: { create: CreatePost } }).create({ user_id: author.id, title: 'Hello, Kysera', body: 'First post.' })
        await tx.createRepository({ tableName: 'comments', schemas: { create: CreateComment } }).bulkCreate([
          { post_id: post.id, author: 'Bob', text: 'Welcome!' },
          { post_id: post.id, author: 'Cy', text: 'Nice.' },
        ])
        return { author, post }
      }),
    )
    console.log(`user #${author.id} ${author.email}, post #${post.id} "${post.title}" created at ${String(post.created_at)}, ${await comments.count({ post_id: post.id })} comments`)

    step('bulk writes and both paginations')
    await posts.bulkCreate(Array.from({ length: 11 }, (_, i) => ({ user_id: author.id, title: `Post ${i + 1}`, body: '…' })))
    const page = await posts.paginate({ page: 2, limit: 5, orderBy: { column: 'id' } })
    console.log(`offset page 2: ${page.data.map((p) => p.title).join(', ')} (${page.pagination.total} posts, ${page.pagination.totalPages} pages)`)
    let cursor: string | undefined
    for (let n = 1; ; n++) {
      const keyset = await posts.paginateCursor({ orderBy: [{ column: 'created_at', direction: 'desc' }], limit: 5, ...(cursor ? { cursor } : {}) })
      console.log(`keyset page ${n}: ${keyset.data.map((p) => p.title).join(', ')}`)
      if (!keyset.pagination.hasNext) break
      cursor = keyset.pagination.nextCursor
    }

    step('typed errors: a duplicate email becomes a 409')
    try {
      await users.create({ email: 'ann@example.com', name: 'Another Ann' })
    } catch (error) {
      if (!isUniqueConstraintError(error)) throw error
      console.log(`409 Conflict: ${error.columns.join(', ')} already taken (constraint ${error.constraint ?? 'unknown'})`)
      console.log(`response body: ${JSON.stringify(error.toJSON())}`)
    }
    const invalid = await users.create({ email: 'not an email', name: '' }).catch((e: unknown) => e)
    console.log(`422 Unprocessable: ${JSON.stringify((invalid as { toJSON(): unknown }).toJSON())}`)

    step('soft delete, restore, and the audit trail')
    await posts.delete(post.id)
    console.log(`after delete: findById → ${JSON.stringify(await posts.findById(post.id))}, ${await posts.count()} posts visible, ${(await posts.findDeleted()).length} deleted`)
    await posts.restore(post.id)
    await withAuditContext({ userId: 'editor' }, () => posts.update(post.id, { title: 'Hello, Kysera (edited)' }))
    const history = await posts.getAuditHistory(post.id)
    console.log(`audit history of post #${post.id}: ${history.map((h) => `${h.operation} by ${h.changed_by ?? '?'}`).join(' → ')}`)
    const edit = history.at(-1)
    if (edit !== undefined) {
      const restored = await posts.restoreFromAudit(edit.id)
      console.log(`restoreFromAudit(${edit.id}) puts back the title: "${restored.title}"`)
    }

    step('health')
    const health = await checkDatabaseHealth(db, { timeoutMs: 2000 })
    console.log(`${health.status}, probe ${health.checks.database.latency.toFixed(1)} ms`)

    const status = await runner.status()
    console.log(`\nmigrations: ${status.executed.length} applied, ${status.pending.length} pending`)
  } finally {
    // On a server the demo leaves nothing behind, so it can run again.
    if (server) await runner.reset()
    await db.destroy()
  }
  console.log('\ndemo finished')
}

await main()
