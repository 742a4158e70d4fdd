import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/api/errors.js';
import { parseLsn } from '../protocol/lsn.js';
import {
  createSlotCommand,
  dropSlotCommand,
  maxProtoVersion,
  quoteIdentifier,
  quoteLiteral,
  resolvePgoutputOptions,
  startReplicationCommand,
} from './commands.js';

describe('quoting', () => {
  it('double-quotes identifiers and single-quotes literals, doubling embedded quotes', () => {
    assert.equal(quoteIdentifier('slot'), '"slot"');
    assert.equal(quoteIdentifier('we"ird'), '"we""ird"');
    assert.equal(quoteLiteral("it's"), "'it''s'");
    assert.throws(() => quoteIdentifier('a\0b'), ConfigError);
  });
});

describe('CREATE_REPLICATION_SLOT', () => {
  it('uses the option list on PostgreSQL 15 and later', () => {
    assert.equal(createSlotCommand(150018, { slotName: 's1' }), `CREATE_REPLICATION_SLOT "s1" LOGICAL "pgoutput" (SNAPSHOT 'export')`);
    assert.equal(
      createSlotCommand(180004, { slotName: 's1', temporary: true, snapshot: 'nothing', twoPhase: true }),
      `CREATE_REPLICATION_SLOT "s1" TEMPORARY LOGICAL "pgoutput" (SNAPSHOT 'nothing', TWO_PHASE true)`,
    );
    assert.equal(createSlotCommand(150000, { slotName: 's1', snapshot: 'use' }), `CREATE_REPLICATION_SLOT "s1" LOGICAL "pgoutput" (SNAPSHOT 'use')`);
  });

  it('uses the keywords before PostgreSQL 15', () => {
    assert.equal(createSlotCommand(140010, { slotName: 's1' }), 'CREATE_REPLICATION_SLOT "s1" LOGICAL "pgoutput" EXPORT_SNAPSHOT');
    assert.equal(createSlotCommand(130000, { slotName: 's1', snapshot: 'nothing', temporary: true }), 'CREATE_REPLICATION_SLOT "s1" TEMPORARY LOGICAL "pgoutput" NOEXPORT_SNAPSHOT');
    assert.equal(createSlotCommand(120000, { slotName: 's1', snapshot: 'use' }), 'CREATE_REPLICATION_SLOT "s1" LOGICAL "pgoutput" USE_SNAPSHOT');
    assert.equal(createSlotCommand(140000, { slotName: 's1', twoPhase: true }), 'CREATE_REPLICATION_SLOT "s1" LOGICAL "pgoutput" EXPORT_SNAPSHOT TWO_PHASE');
    assert.throws(() => createSlotCommand(130000, { slotName: 's1', twoPhase: true }), /two-phase decoding needs PostgreSQL 14/);
  });

  it('DROP_REPLICATION_SLOT, optionally WAIT', () => {
    assert.equal(dropSlotCommand('s1', false), 'DROP_REPLICATION_SLOT "s1"');
    assert.equal(dropSlotCommand('s1', true), 'DROP_REPLICATION_SLOT "s1" WAIT');
  });
});

describe('pgoutput options', () => {
  it('knows the highest protocol per server version', () => {
    assert.deepEqual([130000, 140000, 150018, 160000, 180004].map(maxProtoVersion), [1, 2, 3, 4, 4]);
  });

  it("defaults to the highest protocol and streaming: 'parallel' from 16, 'on' in 14–15, off before", () => {
    const base = { publicationNames: ['p'] };
    assert.deepEqual(resolvePgoutputOptions(180004, base), {
      protoVersion: 4, streaming: 'parallel', messages: true, binary: false, twoPhase: false, origin: undefined, publicationNames: ['p'],
    });
    assert.equal(resolvePgoutputOptions(150018, base).protoVersion, 3);
    assert.equal(resolvePgoutputOptions(150018, base).streaming, 'on');
    assert.equal(resolvePgoutputOptions(140000, base).streaming, 'on');
    assert.equal(resolvePgoutputOptions(130000, base).streaming, 'off');
    assert.equal(resolvePgoutputOptions(180004, { ...base, protoVersion: 1 }).streaming, 'off');
    assert.equal(resolvePgoutputOptions(180004, { ...base, protoVersion: 2 }).streaming, 'on');
  });

  it('refuses combinations the server or the protocol cannot do', () => {
    const base = { publicationNames: ['p'] };
    assert.throws(() => resolvePgoutputOptions(150018, { ...base, streaming: 'parallel' }), /needs pgoutput protocol 4; the server \(150018\) supports 3 at most/);
    assert.throws(() => resolvePgoutputOptions(180004, { ...base, protoVersion: 1, streaming: 'on' }), /streaming needs protocol 2 or later/);
    assert.throws(() => resolvePgoutputOptions(180004, { ...base, protoVersion: 2, twoPhase: true }), /two-phase decoding needs protocol 3/);
    assert.throws(() => resolvePgoutputOptions(150018, { ...base, protoVersion: 4 }), /supports pgoutput protocol 1 to 3/);
    assert.throws(() => resolvePgoutputOptions(150018, { ...base, origin: 'none' }), /origin option needs PostgreSQL 16/);
    assert.throws(() => resolvePgoutputOptions(150018, { publicationNames: [] }), /at least one publication/);
  });

  it('START_REPLICATION with every option quoted', () => {
    const options = resolvePgoutputOptions(180004, { publicationNames: ['pub_a', 'Pub "B"'], twoPhase: true, origin: 'none', binary: true, messages: false });
    assert.equal(
      startReplicationCommand('slot', parseLsn('16/B374D848'), options),
      `START_REPLICATION SLOT "slot" LOGICAL 16/B374D848 ("proto_version" '4', "publication_names" '"pub_a","Pub ""B"""', ` +
        `"messages" 'false', "binary" 'true', "streaming" 'parallel', "two_phase" 'true', "origin" 'none')`,
    );
    assert.equal(
      startReplicationCommand('s', 0n, resolvePgoutputOptions(150018, { publicationNames: ['p'], protoVersion: 1 })),
      `START_REPLICATION SLOT "s" LOGICAL 0/0 ("proto_version" '1', "publication_names" '"p"', "messages" 'true', "binary" 'false')`,
    );
  });
});
