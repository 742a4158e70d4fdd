import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameTable, tableId, tableIdentifier, tableKey } from './table-id.js';

describe('tableId', () => {
  it('keeps catalog, schema and table as given', () => {
    assert.deepEqual(tableId('inventory', 'public', 'orders'), { catalog: 'inventory', schema: 'public', table: 'orders' });
    assert.deepEqual(tableId(null, null, 'orders'), { catalog: null, schema: null, table: 'orders' });
  });
});

describe('tableIdentifier', () => {
  // PostgresConnectorConfig hands RelationalTableFilters the mapper `schema + "." + table`: the database
  // (catalog) never takes part in PostgreSQL's include lists.
  it('is schema.table when there is a schema (PostgreSQL), ignoring the catalog', () => {
    assert.equal(tableIdentifier(tableId('inventory', 'public', 'orders')), 'public.orders');
    assert.equal(tableIdentifier(tableId(null, 'public', 'orders')), 'public.orders');
  });

  // MySQL's TableId is (catalog, null, table) and its toString() is catalog.table.
  it('is catalog.table when there is no schema (MySQL, MongoDB)', () => {
    assert.equal(tableIdentifier(tableId('inventory', null, 'orders')), 'inventory.orders');
  });

  it('is the bare table name when there is neither', () => {
    assert.equal(tableIdentifier(tableId(null, null, 'orders')), 'orders');
  });

  it('keeps dots and special characters of the parts as they are', () => {
    assert.equal(tableIdentifier(tableId(null, 'my.schema', 'my table')), 'my.schema.my table');
  });
});

describe('tableKey', () => {
  it('is equal for the same three parts', () => {
    assert.equal(tableKey(tableId('db', 'public', 'orders')), tableKey(tableId('db', 'public', 'orders')));
  });

  it('tells apart tables whose dotted identifiers would collide', () => {
    assert.notEqual(tableKey(tableId(null, 'a.b', 'c')), tableKey(tableId(null, 'a', 'b.c')));
    assert.notEqual(tableKey(tableId('a', null, 'b')), tableKey(tableId(null, 'a', 'b')));
    assert.notEqual(tableKey(tableId('db1', 'public', 'orders')), tableKey(tableId('db2', 'public', 'orders')));
  });

  it('serves as a Map key', () => {
    const map = new Map<string, number>([[tableKey(tableId(null, 'public', 'orders')), 1]]);
    assert.equal(map.get(tableKey(tableId(null, 'public', 'orders'))), 1);
    assert.equal(map.get(tableKey(tableId(null, 'public', 'customers'))), undefined);
  });
});

describe('sameTable', () => {
  it('compares all three parts', () => {
    assert.equal(sameTable(tableId('db', 'public', 'orders'), tableId('db', 'public', 'orders')), true);
    assert.equal(sameTable(tableId('db', 'public', 'orders'), tableId(null, 'public', 'orders')), false);
    assert.equal(sameTable(tableId('db', 'public', 'orders'), tableId('db', 'other', 'orders')), false);
    assert.equal(sameTable(tableId('db', 'public', 'orders'), tableId('db', 'public', 'Orders')), false);
  });
});
