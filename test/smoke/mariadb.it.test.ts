import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ZongJi, { type AnyBinlogEvent } from '@vlasky/zongji';
import mysql from 'mysql2/promise';
import { useService } from '../env/index.js';

describe('MariaDB 10.11 test service', () => {
  it('has the binlog settings CDC needs', async () => {
    const info = await useService('mariadb');
    const conn = await mysql.createConnection({ host: info.host, port: info.port, user: info.adminUser, password: info.adminPassword });
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        `SELECT @@log_bin AS log_bin, @@binlog_format AS format, @@binlog_row_image AS image,
                @@binlog_row_metadata AS metadata, @@server_id AS server_id, @@version AS version`,
      );
      const row = rows[0];
      assert.ok(row);
      assert.deepEqual(
        { log_bin: row.log_bin, format: row.format, image: row.image, metadata: row.metadata, server_id: row.server_id },
        { log_bin: 1, format: 'ROW', image: 'FULL', metadata: 'FULL', server_id: 1 },
      );
      assert.match(String(row.version), /^10\.11\./);
    } finally {
      await conn.end();
    }
  });

  it('streams one inserted row to @vlasky/zongji as the cdc user', async () => {
    const info = await useService('mariadb');
    const table = `smoke_${process.pid}`;
    const admin = await mysql.createConnection({
      host: info.host,
      port: info.port,
      user: info.adminUser,
      password: info.adminPassword,
      database: info.database,
    });
    const zongji = new ZongJi({ host: info.host, port: info.port, user: info.cdcUser, password: info.cdcPassword });
    try {
      await admin.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name varchar(64))`);
      const ready = new Promise<void>((resolve) => zongji.once('ready', () => resolve()));
      const inserted = new Promise<AnyBinlogEvent>((resolve, reject) => {
        zongji.on('error', reject);
        zongji.on('binlog', (event: AnyBinlogEvent) => {
          if (event.getEventName() === 'writerows') resolve(event);
        });
      });
      zongji.start({
        serverId: 4242,
        startAtEnd: true,
        includeEvents: ['tablemap', 'writerows'],
        includeSchema: { [info.database]: [table] },
      });
      await ready;
      await admin.query(`INSERT INTO ${table} VALUES (7, 'hello tidewater')`);
      const event = await inserted;
      assert.equal(event.getEventName(), 'writerows');
      assert.deepEqual('rows' in event ? event.rows : undefined, [{ id: 7, name: 'hello tidewater' }]);
    } finally {
      zongji.stop();
      await admin.query(`DROP TABLE IF EXISTS ${table}`);
      await admin.end();
    }
  });
});
