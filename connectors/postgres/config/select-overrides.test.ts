import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSelectOverrides, parseTableName } from './select-overrides.js';

describe('snapshot.select.statement.overrides', () => {
  it('pairs every listed table with its statement, in listing order', () => {
    const raw = {
      'snapshot.select.statement.overrides': 'public.orders, "Sales"."Big.Table"',
      'snapshot.select.statement.overrides.public.orders': 'SELECT * FROM public.orders WHERE created > now() - interval \'1 day\'',
      'snapshot.select.statement.overrides."Sales"."Big.Table"': 'SELECT id FROM "Sales"."Big.Table"',
    };
    assert.deepEqual(parseSelectOverrides(raw), [
      { listed: 'public.orders', schema: 'public', table: 'orders', statement: "SELECT * FROM public.orders WHERE created > now() - interval '1 day'" },
      { listed: '"Sales"."Big.Table"', schema: 'Sales', table: 'Big.Table', statement: 'SELECT id FROM "Sales"."Big.Table"' },
    ]);
    assert.deepEqual(parseSelectOverrides({}), []);
  });

  it("skips a table without a statement, with Debezium's warning", () => {
    const warnings: string[] = [];
    assert.deepEqual(parseSelectOverrides({ 'snapshot.select.statement.overrides': 'public.a' }, (m) => warnings.push(m)), []);
    assert.deepEqual(warnings, ['Detected snapshot.select.statement.overrides for snapshot.select.statement.overrides.public.a but no statement property public.a defined']);
  });

  it('splits table names at dots outside double quotes', () => {
    assert.deepEqual(parseTableName('orders'), { schema: null, table: 'orders' });
    assert.deepEqual(parseTableName('shop.public.orders'), { schema: 'public', table: 'orders' });
    assert.deepEqual(parseTableName('"a""b".c'), { schema: 'a"b', table: 'c' });
  });
});
