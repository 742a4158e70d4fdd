import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/api/errors.js';
import { parseReplicaIdentityAutoset, replicaIdentityFor } from './replica-identity.js';

const SHOWN = "expecting '(?i)^\\s*(?<tablepredicate>[^\\s:]+):(?<replicaidentity>DEFAULT|(INDEX) (?<indexname>.\\w*)|FULL|NOTHING)\\s*$'";

describe('replica.identity.autoset.values', () => {
  it('parses `<table regex>:<identity>` entries, identities in any case', () => {
    const rules = parseReplicaIdentityAutoset('schema1.*:FULL,schema2.table2:nothing, schema2.table3:INDEX idx_name ,public.t:Default');
    assert.deepEqual(
      rules.map((r) => [r.table, r.identity, r.indexName]),
      [
        ['schema1.*', 'FULL', null],
        ['schema2.table2', 'NOTHING', null],
        ['schema2.table3', 'INDEX', 'idx_name'],
        ['public.t', 'DEFAULT', null],
      ],
    );
    assert.deepEqual(parseReplicaIdentityAutoset(undefined), []);
  });

  it("rejects malformed entries with Debezium's messages", () => {
    assert.throws(
      () => parseReplicaIdentityAutoset('public.a:FULL,public.b:WRONG,public.c:INDEX'),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.message ===
          `The 'replica.identity.autoset.values' value is invalid: public.b:WRONG has an invalid format (${SHOWN})\n` +
            `The 'replica.identity.autoset.values' value is invalid: public.c:INDEX has an invalid format (${SHOWN})`,
    );
    assert.throws(() => parseReplicaIdentityAutoset(''), { message: `The 'replica.identity.autoset.values' value is invalid: Must not be empty\nThe 'replica.identity.autoset.values' value is invalid:  has an invalid format (${SHOWN})` });
  });

  it('finds the rule of a table, matching the whole `<schema>.<table>` ignoring case', () => {
    const rules = parseReplicaIdentityAutoset('sales.*:FULL,public.orders:INDEX orders_pk');
    assert.equal(replicaIdentityFor(rules, { schema: 'Sales', table: 'x' })?.identity, 'FULL');
    assert.equal(replicaIdentityFor(rules, { schema: 'public', table: 'orders' })?.indexName, 'orders_pk');
    assert.equal(replicaIdentityFor(rules, { schema: 'public', table: 'orders2' }), null);
  });

  it("refuses a table two entries match, with Debezium's message", () => {
    const rules = parseReplicaIdentityAutoset('public.*:FULL,public.orders:NOTHING');
    assert.throws(() => replicaIdentityFor(rules, { schema: 'public', table: 'orders' }), { message: 'More than one Regular expressions matched table public.orders' });
  });
});
