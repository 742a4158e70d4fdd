import pg from 'pg';

/** One decoded pgoutput Insert message: the relation id and the text value of each column. */
export interface DecodedInsert {
  readonly relationId: number;
  readonly values: ReadonlyArray<string | null>;
}

/** Decodes an Insert ('I') message of the pgoutput protocol (text-format tuple data). */
export function decodeInsert(message: Buffer): DecodedInsert | undefined {
  if (message[0] !== 0x49) return undefined;
  let at = 1;
  const relationId = message.readUInt32BE(at);
  at += 4;
  if (message[at] !== 0x4e) throw new Error(`Insert without a new tuple ('N'), got ${String.fromCharCode(message[at] ?? 0)}`);
  at += 1;
  const count = message.readUInt16BE(at);
  at += 2;
  const values: Array<string | null> = [];
  for (let i = 0; i < count; i++) {
    const kind = String.fromCharCode(message[at] ?? 0);
    at += 1;
    if (kind === 'n' || kind === 'u') {
      values.push(null);
      continue;
    }
    const length = message.readUInt32BE(at);
    at += 4;
    values.push(message.subarray(at, at + length).toString('utf8'));
    at += length;
  }
  return { relationId, values };
}

/**
 * Creates a table, a publication and a pgoutput slot, inserts one row and reads the slot's changes back
 * through logical decoding. Returns the message tags seen and the decoded insert. Drops what it made.
 */
export async function readOneChangeThroughPgoutput(
  url: string,
  options: { protoVersion: number; extraOptions?: Record<string, string> },
): Promise<{ tags: string[]; insert: DecodedInsert | undefined }> {
  const suffix = `${process.pid}_${Date.now()}`;
  const table = `smoke_${suffix}`;
  const slot = `smoke_slot_${suffix}`;
  const publication = `smoke_pub_${suffix}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text)`);
    await client.query(`CREATE PUBLICATION ${publication} FOR TABLE ${table}`);
    await client.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [slot]);
    await client.query(`INSERT INTO ${table} VALUES (1, 'hello tidewater')`);
    const args = Object.entries({
      proto_version: String(options.protoVersion),
      publication_names: publication,
      ...options.extraOptions,
    }).flat();
    const placeholders = args.map((_, i) => `$${i + 2}`).join(', ');
    const result = await client.query<{ data: Buffer }>(
      `SELECT data FROM pg_logical_slot_get_binary_changes($1, NULL, NULL, ${placeholders})`,
      [slot, ...args],
    );
    const messages = result.rows.map((r) => r.data);
    return {
      tags: messages.map((m) => String.fromCharCode(m[0] ?? 0)),
      insert: messages.map(decodeInsert).find((m) => m !== undefined),
    };
  } finally {
    await client.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1`, [slot]);
    await client.query(`DROP PUBLICATION IF EXISTS ${publication}`);
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
}
