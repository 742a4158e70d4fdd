import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { useService } from '../env/index.js';

const orderSchema = {
  type: 'record',
  name: 'Order',
  namespace: 'tidewater.smoke',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'status', type: 'string' },
  ],
};

describe('Confluent-compatible schema registry test service', () => {
  it('registers an Avro schema and fetches it back by id', async () => {
    const info = await useService('registry');
    const registry = new SchemaRegistry({ host: info.url });
    const subject = `smoke-${process.pid}-${Date.now()}-value`;
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) }, { subject });
    assert.ok(Number.isInteger(id) && id > 0);

    const again = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) }, { subject });
    assert.equal(again.id, id, 'registering the same schema twice returns the same id');

    const fetched = await fetch(`${info.url}/schemas/ids/${id}`);
    assert.equal(fetched.status, 200);
    const body = (await fetched.json()) as { schema: string };
    assert.deepEqual(JSON.parse(body.schema), orderSchema);
    assert.equal(await registry.getLatestSchemaId(subject), id);
  });

  it('encodes in the Confluent wire format and decodes through the registry', async () => {
    const info = await useService('registry');
    const registry = new SchemaRegistry({ host: info.url });
    const subject = `smoke-wire-${process.pid}-${Date.now()}-value`;
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) }, { subject });
    const encoded = await registry.encode(id, { id: 42, status: 'shipped' });
    assert.equal(encoded[0], 0, 'magic byte');
    assert.equal(encoded.readUInt32BE(1), id, 'schema id, big-endian');
    // Avro body: long 42 (zig-zag 84 = 0x54), string of length 7 (0x0e) "shipped"
    assert.deepEqual([...encoded.subarray(5)], [0x54, 0x0e, ...Buffer.from('shipped')]);
    assert.deepEqual({ ...(await registry.decode(encoded)) }, { id: 42, status: 'shipped' });
  });

  it('answers an unknown schema id with a Confluent error code', async () => {
    const info = await useService('registry');
    const response = await fetch(`${info.url}/schemas/ids/987654321`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error_code: number };
    assert.equal(body.error_code, 40403);
  });
});
