import { appendFileSync } from 'node:fs';
import pg from 'pg';
import { sleep } from '../api/sleep.js';
import type { Logger } from '../observability/logger.js';

/** The demo schema: a small shop whose rows keep changing so there is always something to capture. */
export const DEMO_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS inventory;
CREATE TABLE IF NOT EXISTS inventory.customers (
  id serial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS inventory.products (
  id serial PRIMARY KEY,
  name text NOT NULL,
  description text,
  weight double precision,
  quantity integer NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS inventory.orders (
  id bigserial PRIMARY KEY,
  order_date timestamptz NOT NULL DEFAULT now(),
  purchaser integer NOT NULL REFERENCES inventory.customers(id),
  product_id integer NOT NULL REFERENCES inventory.products(id),
  quantity integer NOT NULL,
  total numeric(12,2) NOT NULL
);
INSERT INTO inventory.customers (first_name, last_name, email) VALUES
  ('Sally', 'Thomas', 'sally.thomas@acme.com'), ('George', 'Bailey', 'gbailey@foobar.com'),
  ('Edward', 'Walker', 'ed@walker.com'), ('Anne', 'Kretchmar', 'annek@noanswer.org')
ON CONFLICT (email) DO NOTHING;
INSERT INTO inventory.products (name, description, weight, quantity)
SELECT * FROM (VALUES
  ('scooter', 'Small 2-wheel scooter', 3.14, 120), ('car battery', '12V car battery', 8.1, 80),
  ('hammer', '16oz carpenter''s hammer', 1.0, 200), ('rocks', 'box of assorted rocks', 5.3, 40),
  ('jacket', 'water resistent black wind breaker', 0.1, 60), ('spare tire', '24 inch spare tire', 22.2, 30)
) AS v(name, description, weight, quantity)
WHERE NOT EXISTS (SELECT 1 FROM inventory.products);
`;

export interface DemoDataOptions {
  readonly connectionString: string;
  readonly logger: Logger;
  /** Each change is also appended here as one JSON line (what the demo's file source streams). */
  readonly changesFile: string;
  /** Milliseconds between changes. */
  readonly intervalMs: number;
  readonly signal: AbortSignal;
}

export interface DemoCounters {
  inserts: number;
  updates: number;
  deletes: number;
}

/** Creates the demo schema, then inserts, updates and deletes rows until the signal aborts. */
export async function runDemoData(options: DemoDataOptions): Promise<DemoCounters> {
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  const counters: DemoCounters = { inserts: 0, updates: 0, deletes: 0 };
  try {
    await client.query(DEMO_SCHEMA_SQL);
    options.logger.info('demo schema inventory (customers, products, orders) is ready');
    let tick = 0;
    const record = (op: 'c' | 'u' | 'd', table: string, row: Record<string, unknown> | undefined) => {
      if (row) appendFileSync(options.changesFile, `${JSON.stringify({ op, table: `inventory.${table}`, row, ts_ms: Date.now() })}\n`);
    };
    while (!options.signal.aborted) {
      tick += 1;
      const inserted = await client.query(
        `INSERT INTO inventory.orders (purchaser, product_id, quantity, total)
         SELECT c.id, p.id, q, round((q * p.weight * 9.99)::numeric, 2)
         FROM (SELECT 1 + floor(random() * 4)::int AS q) r,
              LATERAL (SELECT id FROM inventory.customers ORDER BY random() LIMIT 1) c,
              LATERAL (SELECT id, weight FROM inventory.products ORDER BY random() LIMIT 1) p
         RETURNING *`,
      );
      counters.inserts += 1;
      record('c', 'orders', inserted.rows[0]);
      const updated = await client.query(
        `UPDATE inventory.products SET quantity = greatest(0, quantity - 1 + floor(random() * 3)::int)
         WHERE id = (SELECT id FROM inventory.products ORDER BY random() LIMIT 1) RETURNING *`,
      );
      counters.updates += 1;
      record('u', 'products', updated.rows[0]);
      if (tick % 5 === 0) {
        const deleted = await client.query(
          'DELETE FROM inventory.orders WHERE id = (SELECT min(id) FROM inventory.orders) RETURNING *',
        );
        counters.deletes += deleted.rowCount ?? 0;
        record('d', 'orders', deleted.rows[0]);
      }
      if (tick % 60 === 0) options.logger.info({ ...counters }, 'demo data changes so far');
      await sleep(options.intervalMs, options.signal);
    }
  } finally {
    await client.end();
  }
  return counters;
}

