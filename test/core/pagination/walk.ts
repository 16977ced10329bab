import type { CursorPaginatedResult } from 'kysera/core'

type Fetch = (o: { cursor?: string; before?: string }) => Promise<CursorPaginatedResult<Record<string, unknown>>>

const MAX_PAGES = 10_000

/** Follows `nextCursor` from the first page; returns every id in order and the last page. */
export async function walkForward(fetch: Fetch): Promise<{ ids: number[]; lastPage: CursorPaginatedResult<Record<string, unknown>> }> {
  const ids: number[] = []
  let page = await fetch({})
  for (let n = 0; n < MAX_PAGES; n++) {
    ids.push(...page.data.map((r) => Number(r.id)))
    if (!page.pagination.hasNext) return { ids, lastPage: page }
    if (page.pagination.nextCursor === undefined) throw new Error('hasNext without nextCursor')
    page = await fetch({ cursor: page.pagination.nextCursor })
  }
  throw new Error('walkForward did not end')
}

/** Follows `prevCursor` (as `before`) from `last` back to the first page; returns ids in forward order. */
export async function walkBackward(fetch: Fetch, last: CursorPaginatedResult<Record<string, unknown>>): Promise<{ ids: number[] }> {
  const pages: number[][] = [last.data.map((r) => Number(r.id))]
  let page = last
  for (let n = 0; n < MAX_PAGES; n++) {
    if (!page.pagination.hasPrev) return { ids: pages.reverse().flat() }
    if (page.pagination.prevCursor === undefined) throw new Error('hasPrev without prevCursor')
    page = await fetch({ before: page.pagination.prevCursor })
    pages.push(page.data.map((r) => Number(r.id)))
  }
  throw new Error('walkBackward did not end')
}
