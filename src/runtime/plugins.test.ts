import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_PLUGINS } from './builtin-plugins.js';
import { PluginRegistry } from './plugins.js';

const plugins = new PluginRegistry(BUILTIN_PLUGINS);

describe('PluginRegistry', () => {
  it('finds a connector by class name, simple name and name without the Connector suffix', () => {
    for (const name of ['org.apache.kafka.connect.file.FileStreamSourceConnector', 'FileStreamSourceConnector', 'FileStreamSource']) {
      assert.equal(plugins.connector(name).className, 'org.apache.kafka.connect.file.FileStreamSourceConnector');
    }
  });

  it('resolves JsonConverter both as a converter and as a header converter, as Kafka does', () => {
    const name = 'org.apache.kafka.connect.json.JsonConverter';
    assert.equal(plugins.converter(name)?.kind, 'converter');
    assert.equal(plugins.headerConverter(name)?.kind, 'header_converter');
    assert.equal(plugins.headerConverter('org.apache.kafka.connect.storage.SimpleHeaderConverter')?.kind, 'header_converter');
  });

  it('lists connectors only by default, sorted by class name, and everything with connectorsOnly=false', () => {
    assert.deepEqual(plugins.describe({ connectorsOnly: true }), [
      { class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink', version: '3.9.1' },
      { class: 'org.apache.kafka.connect.file.FileStreamSourceConnector', type: 'source', version: '3.9.1' },
    ]);
    const all = plugins.describe({ connectorsOnly: false });
    assert.ok(all.some((p) => p.class === 'org.apache.kafka.connect.transforms.InsertField$Value' && p.type === 'transformation'));
    assert.ok(all.some((p) => p.class === 'io.debezium.transforms.ExtractNewRecordState' && p.type === 'transformation'));
    assert.ok(all.some((p) => p.class === 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches' && p.type === 'predicate'));
    assert.ok(all.some((p) => p.class === 'org.apache.kafka.connect.json.JsonConverter' && p.type === 'header_converter'));
  });

  it('does not resolve a short name two plugins of one kind share', () => {
    const registry = new PluginRegistry([
      { ...BUILTIN_PLUGINS.find((p) => p.className.endsWith('FileStreamSinkConnector'))!, className: 'a.FileStreamSinkConnector' } as never,
      { ...BUILTIN_PLUGINS.find((p) => p.className.endsWith('FileStreamSinkConnector'))!, className: 'b.FileStreamSinkConnector' } as never,
    ]);
    assert.throws(() => registry.connector('FileStreamSink'), /Failed to find any class that implements Connector and which name matches FileStreamSink/);
    assert.equal(registry.connector('a.FileStreamSinkConnector').className, 'a.FileStreamSinkConnector');
  });
});
