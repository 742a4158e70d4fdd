import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/api/errors.js';
import { messageKeyColumnsFor, parseMessageKeyColumns } from './message-key-columns.js';

const SHOWN = "expecting '^\\s*([^\\s:]+):([^:\\s]+)\\s*$'";

describe('message.key.columns', () => {
  it('parses `;`-separated `<table regex>:<columns>` entries', () => {
    const rules = parseMessageKeyColumns('inventory.customers:pk1,pk2;(.*).purchaseorders:pk3');
    assert.deepEqual(
      rules.map((r) => [r.table, r.columns, r.patterns.map(String)]),
      [
        ['inventory.customers', ['pk1', 'pk2'], ['/^(?:inventory.customers.pk1)$/i', '/^(?:inventory.customers.pk2)$/i']],
        ['(.*).purchaseorders', ['pk3'], ['/^(?:(.*).purchaseorders.pk3)$/i']],
      ],
    );
    assert.deepEqual(parseMessageKeyColumns(null), []);
    assert.deepEqual(parseMessageKeyColumns(' a.b:c ;'), parseMessageKeyColumns('a.b:c'));
  });

  it("rejects malformed entries with Debezium's messages", () => {
    assert.throws(
      () => parseMessageKeyColumns('public.a:id;bad;a.b: c'),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.key === 'message.key.columns' &&
        err.message ===
          `The 'message.key.columns' value is invalid: bad has an invalid format (${SHOWN})\nThe 'message.key.columns' value is invalid: a.b: c has an invalid format (${SHOWN})`,
    );
    assert.throws(() => parseMessageKeyColumns(''), { message: `The 'message.key.columns' value is invalid: Must not be empty\nThe 'message.key.columns' value is invalid:  has an invalid format (${SHOWN})` });
  });

  it('picks the key columns of a table: rule by rule, in the table column order, ignoring case; none matching keeps the primary key', () => {
    const rules = parseMessageKeyColumns('public.orders:Region,id;public\\.ord.*:id');
    assert.deepEqual(messageKeyColumnsFor(rules, { schema: 'public', table: 'orders' }, ['id', 'region', 'total']), ['region', 'id']);
    assert.deepEqual(messageKeyColumnsFor(rules, { schema: 'public', table: 'ordinals' }, ['id', 'n']), ['id']);
    assert.equal(messageKeyColumnsFor(rules, { schema: 'public', table: 'items' }, ['id']), null);
  });
});
