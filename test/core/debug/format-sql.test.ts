import { describe, expect, it } from 'vitest'
import { formatSQL } from '../../../src/core/index.js'

describe('formatSQL', () => {
  it('puts each clause on its own line', () => {
    expect(formatSQL('select "id", "name" from "users" where "age" > $1 and "org" = $2 order by "id" desc limit $3')).toBe(
      ['select "id", "name"', 'from "users"', 'where "age" > $1 and "org" = $2', 'order by "id" desc', 'limit $3'].join('\n'),
    )
  })

  it('keeps multi-word clauses together and indents subqueries', () => {
    expect(
      formatSQL('select * from `a` left join `b` on `b`.`id` = `a`.`b_id` where `a`.`id` in (select `id` from `c` group by `id`)'),
    ).toBe(
      [
        'select *',
        'from `a`',
        'left join `b` on `b`.`id` = `a`.`b_id`',
        'where `a`.`id` in (',
        '  select `id`',
        '  from `c`',
        '  group by `id`)',
      ].join('\n'),
    )
  })

  it('never touches string literals, quoted identifiers or operators', () => {
    const literal = "'a  from  b where ''x'''"
    const formatted = formatSQL(`select ${literal}, "select" from "t" where "j"->>'k' = $1 and "x"::text = 'y'`)
    expect(formatted).toContain(literal)
    expect(formatted).toContain('"select"')
    expect(formatted).toContain(`"j"->>'k'`)
    expect(formatted).toContain('"x"::text')
  })

  it('does not treat a keyword after a dot as a clause', () => {
    expect(formatSQL('select t.from, t.limit from t')).toBe('select t.from, t.limit\nfrom t')
  })

  it('ends a line after a line comment, so the comment cannot swallow the next token', () => {
    expect(formatSQL('select 1 -- one\n, 2 from t')).toBe('select 1 -- one\n, 2\nfrom t')
  })

  it('returns an empty string for blank input', () => {
    expect(formatSQL('  \n ')).toBe('')
  })
})
