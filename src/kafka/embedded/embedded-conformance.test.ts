/** The TopicStore conformance suite, run against the embedded topic log in a fresh temporary directory. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTopicStore } from '../../../test/conformance/topic-store.conformance.js';
import { EmbeddedTopicStore } from './store.js';

describeTopicStore(
  'embedded',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tidewater-conformance-'));
    const store = await EmbeddedTopicStore.open({ dataDir });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
  { timeoutMs: 10_000 },
);
