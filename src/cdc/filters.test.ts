import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColumnFilter, TableFilter, regexList } from './filters.js';
import { tableId } from './table-id.js';

const PG_SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema'];
const pg = (schema: string, table: string) => tableId('inventory', schema, table);

function matchesAny(list: ReturnType<typeof regexList>, text: string): boolean {
  return list.some((r) => r.matches(text));
}

describe('regexList (Strings.RegExSplitter + Pattern.compile(CASE_INSENSITIVE))', () => {
  it('is empty for a missing, empty or blank list', () => {
    assert.deepEqual(regexList(undefined), []);
    assert.deepEqual(regexList(null), []);
    assert.deepEqual(regexList(''), []);
    assert.deepEqual(regexList('   '), []);
  });

  it('splits on commas and trims every expression', () => {
    const list = regexList(' public.orders , public.customers ');
    assert.equal(list.length, 2);
    assert.equal(matchesAny(list, 'public.orders'), true);
    assert.equal(matchesAny(list, 'public.customers'), true);
    assert.equal(matchesAny(list, 'public.products'), false);
  });

  it('drops empty items between commas', () => {
    assert.equal(regexList('a,,b').length, 2);
  });

  it('keeps a backslash-escaped comma inside the expression', () => {
    // RegExSplitter: `a{1\,2}` is one item, with `\,` turned into `,`.
    const list = regexList('public.t{1\\,2}');
    assert.equal(list.length, 1);
    assert.equal(matchesAny(list, 'public.t'), true);
    assert.equal(matchesAny(list, 'public.tt'), true);
    assert.equal(matchesAny(list, 'public.ttt'), false);
  });

  it('keeps other backslash escapes for the regex engine', () => {
    const list = regexList('public\\.t\\d+');
    assert.equal(matchesAny(list, 'public.t12'), true);
    assert.equal(matchesAny(list, 'publicXt12'), false);
    assert.equal(matchesAny(list, 'public.tx'), false);
  });

  it('matches the whole identifier (Matcher.matches), not a part of it', () => {
    const list = regexList('public.ord');
    assert.equal(matchesAny(list, 'public.ord'), true);
    assert.equal(matchesAny(list, 'public.orders'), false);
    assert.equal(matchesAny(list, 'x.public.ord'), false);
  });

  it('anchors every alternative of an expression', () => {
    const list = regexList('public.a|public.b');
    assert.equal(matchesAny(list, 'public.a'), true);
    assert.equal(matchesAny(list, 'public.b'), true);
    assert.equal(matchesAny(list, 'public.ab'), false);
    assert.equal(matchesAny(list, 'x.public.b'), false);
  });

  it('ignores ASCII case', () => {
    const list = regexList('PUBLIC.Orders');
    assert.equal(matchesAny(list, 'public.orders'), true);
    assert.equal(matchesAny(list, 'Public.ORDERS'), true);
  });
});

describe('TableFilter (RelationalTableFilters with Selectors)', () => {
  it('captures every non-system table when no list is set', () => {
    const filter = new TableFilter({ systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('public', 'orders')), true);
    assert.equal(filter.includes(pg('sales', 'orders')), true);
  });

  it('never captures the system schemas (table.ignore.builtin)', () => {
    const filter = new TableFilter({ systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('pg_catalog', 'pg_class')), false);
    assert.equal(filter.includes(pg('information_schema', 'tables')), false);
    // SystemTablesPredicate lower-cases the schema name before comparing.
    assert.equal(filter.includes(pg('PG_CATALOG', 'pg_class')), false);
  });

  it('keeps excluding system schemas when a table exclude list is set', () => {
    const filter = new TableFilter({ tableExclude: 'public.audit', systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('pg_catalog', 'pg_class')), false);
    assert.equal(filter.includes(pg('public', 'audit')), false);
    assert.equal(filter.includes(pg('public', 'orders')), true);
  });

  it('keeps excluding system tables that a table include list names', () => {
    const filter = new TableFilter({ tableInclude: 'pg_catalog.pg_class,public.orders', systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('pg_catalog', 'pg_class')), false);
    assert.equal(filter.includes(pg('public', 'orders')), true);
  });

  it('matches table.include.list against schema.table', () => {
    const filter = new TableFilter({ tableInclude: 'public.orders', systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('public', 'orders')), true);
    assert.equal(filter.includes(pg('public', 'customers')), false);
    assert.equal(filter.includes(pg('sales', 'orders')), false);
  });

  it('matches table lists without regard to the database name', () => {
    const filter = new TableFilter({ tableInclude: 'public.orders' });
    assert.equal(filter.includes(tableId('other_db', 'public', 'orders')), true);
    assert.equal(filter.includes(tableId(null, 'public', 'orders')), true);
  });

  it('accepts regular expressions and ASCII case differences in table.include.list', () => {
    const filter = new TableFilter({ tableInclude: 'public.order_\\d+,PUBLIC.CUSTOMERS' });
    assert.equal(filter.includes(pg('public', 'order_2024')), true);
    assert.equal(filter.includes(pg('public', 'order_x')), false);
    assert.equal(filter.includes(pg('public', 'customers')), true);
  });

  it('drops what table.exclude.list matches and keeps the rest', () => {
    const filter = new TableFilter({ tableExclude: 'public.audit.*', systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('public', 'audit')), false);
    assert.equal(filter.includes(pg('public', 'audit_log')), false);
    assert.equal(filter.includes(pg('public', 'orders')), true);
  });

  it('uses the include list and ignores the exclude list when both are set', () => {
    // Selectors: `tableInclusions != null ? tableInclusions : tableExclusions`.
    const filter = new TableFilter({ tableInclude: 'public.orders', tableExclude: 'public.orders' });
    assert.equal(filter.includes(pg('public', 'orders')), true);
    assert.equal(filter.includes(pg('public', 'customers')), false);
  });

  it('captures only the schemas schema.include.list names, matching the whole schema name', () => {
    const filter = new TableFilter({ schemaInclude: 'sales', systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('sales', 'orders')), true);
    assert.equal(filter.includes(pg('SALES', 'orders')), true);
    assert.equal(filter.includes(pg('sales_archive', 'orders')), false);
    assert.equal(filter.includes(pg('public', 'orders')), false);
  });

  it('drops the schemas schema.exclude.list names', () => {
    const filter = new TableFilter({ schemaExclude: 'staging.*', systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(pg('staging', 'orders')), false);
    assert.equal(filter.includes(pg('staging_2', 'orders')), false);
    assert.equal(filter.includes(pg('public', 'orders')), true);
    assert.equal(filter.includes(pg('pg_catalog', 'pg_class')), false);
  });

  it('uses schema.include.list and ignores schema.exclude.list when both are set', () => {
    const filter = new TableFilter({ schemaInclude: 'sales', schemaExclude: 'sales' });
    assert.equal(filter.includes(pg('sales', 'orders')), true);
    assert.equal(filter.includes(pg('public', 'orders')), false);
  });

  it('requires both the schema filter and the table filter to pass', () => {
    // Selectors.buildStartingFromSchemaFilter: schemaFilter.test(schema) && tableFilter.test(id).
    const filter = new TableFilter({ schemaInclude: 'sales', tableInclude: 'public.orders,sales.orders' });
    assert.equal(filter.includes(pg('sales', 'orders')), true);
    assert.equal(filter.includes(pg('public', 'orders')), false);
    assert.equal(filter.includes(pg('sales', 'customers')), false);

    const excluding = new TableFilter({ schemaExclude: 'staging', tableExclude: 'public.audit' });
    assert.equal(excluding.includes(pg('staging', 'orders')), false);
    assert.equal(excluding.includes(pg('public', 'audit')), false);
    assert.equal(excluding.includes(pg('public', 'orders')), true);
  });

  it('matches catalog.table for connectors without schemas (MySQL)', () => {
    const filter = new TableFilter({ tableInclude: 'inventory.orders' });
    assert.equal(filter.includes(tableId('inventory', null, 'orders')), true);
    assert.equal(filter.includes(tableId('inventory', null, 'customers')), false);
  });
});

describe('ColumnFilter (column.include.list / column.exclude.list)', () => {
  const orders = pg('public', 'orders');

  it('captures every column when no list is set', () => {
    const filter = new ColumnFilter({});
    assert.equal(filter.includes(orders, 'id'), true);
    assert.equal(filter.includes(orders, 'secret'), true);
  });

  it('matches column.exclude.list against schema.table.column (ColumnFilterMode.SCHEMA)', () => {
    const filter = new ColumnFilter({ exclude: 'public.orders.secret,public.customers.ssn' });
    assert.equal(filter.includes(orders, 'secret'), false);
    assert.equal(filter.includes(orders, 'id'), true);
    assert.equal(filter.includes(pg('public', 'customers'), 'secret'), true);
    assert.equal(filter.includes(pg('public', 'customers'), 'ssn'), false);
  });

  it('captures only what column.include.list matches', () => {
    const filter = new ColumnFilter({ include: 'public.orders.(id|name)' });
    assert.equal(filter.includes(orders, 'id'), true);
    assert.equal(filter.includes(orders, 'name'), true);
    assert.equal(filter.includes(orders, 'secret'), false);
    assert.equal(filter.includes(orders, 'id_old'), false);
  });

  it('ignores the database name and ASCII case', () => {
    const filter = new ColumnFilter({ exclude: 'PUBLIC.ORDERS.SECRET' });
    assert.equal(filter.includes(tableId('other_db', 'public', 'orders'), 'secret'), false);
  });

  it('uses the include list and ignores the exclude list when both are set', () => {
    const filter = new ColumnFilter({ include: 'public.orders.id', exclude: 'public.orders.id' });
    assert.equal(filter.includes(orders, 'id'), true);
    assert.equal(filter.includes(orders, 'name'), false);
  });
});
