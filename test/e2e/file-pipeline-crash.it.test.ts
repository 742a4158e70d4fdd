/**
 * End to end, as an operator runs it: `tidewater standalone` (a child process) with FileStreamSource →
 * topic → FileStreamSink, an SMT chain with predicates, errors.tolerance=all and a dead letter queue. The
 * worker is SIGKILLed while an application is still appending lines and the sink is still writing, then
 * restarted on the same files, offsets and topic store. Nothing may be lost: every good line reaches the
 * output file (duplicates are allowed, at-least-once, and counted), every poison line reaches the DLQ with
 * its original bytes and Kafka Connect's error headers, and neither connector ever commits an offset past
 * what it had made durable. Run once against the real Kafka broker and once against the embedded log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useService } from '../env/index.js';
import { PIPELINE_TOPIC_PARTITIONS, removeRunFiles, runCrashScenario, TOTAL_LINES, type ScenarioResult } from './support/crash-scenario.js';
import {
  allRecords,
  CONVERTER_FAILURE_MESSAGE,
  headerMap,
  KAFKA_DATA_EXCEPTION,
  linesBeforePosition,
  missingFrom,
  occurrences,
  offsetGaps,
  outputSeqs,
  recordSeqs,
  rewinds,
  seqsOfKind,
  text,
  TRANSFORM_FAILURE_MESSAGE,
} from './support/pipeline-checks.js';
import { INSERT_FIELD_VALUE, JSON_CONVERTER } from './support/pipeline-config.js';
import { inputLine, lineKind, seqOfInputText } from './support/pipeline-lines.js';
import type { StoreKind } from './support/topic-reader.js';

const STORES: readonly StoreKind[] = ['kafka', 'embedded'];

/** The context headers Kafka's DeadLetterQueueReporter adds, in its order. */
const CONTEXT_HEADER_KEYS = [
  '__connect.errors.topic',
  '__connect.errors.partition',
  '__connect.errors.offset',
  '__connect.errors.connector.name',
  '__connect.errors.task.id',
  '__connect.errors.stage',
  '__connect.errors.class.name',
  '__connect.errors.exception.class.name',
  '__connect.errors.exception.message',
  '__connect.errors.exception.stacktrace',
];

for (const kind of STORES) {
  describe(`file pipeline through ${kind === 'kafka' ? 'Kafka' : 'the embedded topic log'}, SIGKILLed mid-stream and restarted`, () => {
    let run: ScenarioResult | undefined;
    const result = (): ScenarioResult => {
      assert.ok(run, 'the scenario ran (see the before hook)');
      return run;
    };

    before(async () => {
      const bootstrapServers = kind === 'kafka' ? (await useService('kafka')).bootstrapServers : undefined;
      run = await runCrashScenario(kind, bootstrapServers);
    }, { timeout: 300_000 });

    after(() => {
      if (run) removeRunFiles(run.files);
    });

    it('reports what it measured', (t) => {
      const { lines, crash, final, durationsMs } = result();
      const output = outputSeqs(final.outputLines);
      const topic = recordSeqs(allRecords(final.topic));
      const dlq = recordSeqs(allRecords(final.dlq));
      const committedLines = linesBeforePosition(lines, crash.committedSourcePosition ?? 0) ?? 0;
      const sinkCommitted = new Map(crash.sinkGroupOffsets.map((o) => [o.partition, o.offset]));
      const pastSinkCommit = [...crash.topic.partitions].reduce((sum, [p, records]) => sum + records.filter((r) => r.offset >= (sinkCommitted.get(p) ?? 0)).length, 0);
      t.diagnostic(
        JSON.stringify({
          store: kind,
          linesIn: lines.length,
          goodLinesIn: seqsOfKind(lines, 'good').length,
          poisonLinesIn: seqsOfKind(lines, 'converter-poison', 'transform-poison').length,
          linesWrittenBeforeKill: crash.linesWritten,
          outputLinesBeforeKill: crash.outputLines.length,
          topicRecordsBeforeKill: allRecords(crash.topic).length,
          committedSourcePositionAtKill: crash.committedSourcePosition,
          linesBehindCommittedSourceOffsetAtKill: committedLines,
          topicRecordsPastCommittedSourceOffsetAtKill: allRecords(crash.topic).length - committedLines,
          topicRecordsPastCommittedSinkOffsetAtKill: pastSinkCommit,
          dlqRecordsBeforeKill: allRecords(crash.dlq).length,
          outputLines: final.outputLines.length,
          outputDuplicates: occurrences(output.seqs).duplicates,
          topicRecords: topic.seqs.length,
          topicDuplicates: occurrences(topic.seqs).duplicates,
          dlqRecords: dlq.seqs.length,
          dlqDuplicates: occurrences(dlq.seqs).duplicates,
          durationsMs,
        }),
      );
    });

    it('kills the worker while lines are still being appended and the sink is still writing', () => {
      const { crash, lines } = result();
      const goodWritten = lines.slice(0, crash.linesWritten).filter((l) => l.kind === 'good').length;
      assert.ok(crash.linesWritten < TOTAL_LINES, `the writer had ${TOTAL_LINES - crash.linesWritten} lines still to write`);
      assert.ok(crash.outputLines.length > 0, 'the sink had written lines before the kill');
      assert.ok(crash.outputLines.length < goodWritten, `the sink had not caught up (${crash.outputLines.length} of ${goodWritten} good lines written)`);
    });

    it('writes every good input line to the output file at least once, and nothing else', () => {
      const { lines, final } = result();
      const output = outputSeqs(final.outputLines);
      assert.deepEqual(output.unexpected, [], 'lines the pipeline cannot have produced (poison, or a wrong SMT result)');
      assert.deepEqual(missingFrom(seqsOfKind(lines, 'good'), occurrences(output.seqs)), [], 'good lines lost');
    });

    it('never commits a source offset past what had reached the topic', () => {
      const { lines, crash } = result();
      const position = crash.committedSourcePosition;
      assert.ok(position !== undefined && position > 0, 'the source had committed an offset before the kill');
      const committedLines = linesBeforePosition(lines, position);
      assert.notEqual(committedLines, undefined, `the committed position ${position} is at the end of a line`);
      const inTopic = occurrences(recordSeqs(allRecords(crash.topic)).seqs);
      const committedSeqs = lines.slice(0, committedLines).map((l) => l.seq);
      assert.deepEqual(missingFrom(committedSeqs, inTopic), [], 'lines behind the committed source offset that the topic did not hold at the kill');
    });

    it('commits sink offsets only for records already in the output file or the dead letter queue', () => {
      const { crash, files } = result();
      const committed = crash.sinkGroupOffsets.filter((o) => o.topic === files.topic);
      assert.ok(committed.length > 0, 'the sink had committed offsets before the kill');
      const output = occurrences(outputSeqs(crash.outputLines).seqs);
      const deadLettered = new Set(allRecords(crash.dlq).map((r) => `${headerMap(r)['__connect.errors.partition']}@${headerMap(r)['__connect.errors.offset']}`));
      const notDurable: string[] = [];
      for (const { partition, offset } of committed) {
        const records = crash.topic.partitions.get(partition) ?? [];
        assert.ok(offset <= (records.at(-1)?.offset ?? -1) + 1, `committed offset ${offset} of partition ${partition} is within the topic`);
        for (const record of records.filter((r) => r.offset < offset)) {
          const seq = seqOfInputText(text(record.value) ?? '') ?? -1;
          const durable = lineKind(seq) === 'good' ? output.counts.has(seq) : deadLettered.has(`${partition}@${record.offset}`);
          if (!durable) notDurable.push(`${partition}@${record.offset} (line ${seq})`);
        }
      }
      assert.deepEqual(notDurable, [], 'records behind the committed sink offset that were neither in the output nor in the DLQ');
    });

    it('keeps every record the topic held at the kill, and holds every input line after the restart', () => {
      const { lines, crash, final } = result();
      for (const [partition, before] of crash.topic.partitions) {
        const after = (final.topic.partitions.get(partition) ?? []).slice(0, before.length);
        assert.deepEqual(after.map((r) => [r.offset, text(r.value)]), before.map((r) => [r.offset, text(r.value)]), `partition ${partition} still starts with what it held at the kill`);
      }
      const topic = recordSeqs(allRecords(final.topic));
      assert.deepEqual(topic.unexpected, [], 'records that are not input lines');
      assert.deepEqual(missingFrom(lines.map((l) => l.seq), occurrences(topic.seqs)), [], 'input lines missing from the topic');
    });

    it('keeps lines in input order within each partition, rewinding at most once (the replay after the restart)', () => {
      const { final } = result();
      assert.equal(final.topic.partitions.size, PIPELINE_TOPIC_PARTITIONS);
      for (const [partition, records] of final.topic.partitions) {
        assert.deepEqual(offsetGaps(records), [], `partition ${partition} offsets are dense`);
        const found = rewinds(records);
        assert.ok(found.length <= 1, `partition ${partition} rewinds ${found.length} times: ${JSON.stringify(found.slice(0, 5))}`);
      }
    });

    it('dead-letters every poison line with its original bytes, and nothing else', () => {
      const { lines, final } = result();
      const records = allRecords(final.dlq);
      const dlq = recordSeqs(records);
      assert.deepEqual(dlq.unexpected, [], 'DLQ records whose bytes are not an input line');
      assert.deepEqual(dlq.seqs.filter((seq) => lineKind(seq) === 'good'), [], 'good lines in the DLQ');
      assert.deepEqual(missingFrom(seqsOfKind(lines, 'converter-poison', 'transform-poison'), occurrences(dlq.seqs)), [], 'poison lines missing from the DLQ');
      assert.deepEqual(records.filter((r) => r.key !== null).map((r) => r.offset), [], 'DLQ records keep the null key');
    });

    it("puts Kafka Connect's __connect.errors.* context headers on every DLQ record", () => {
      const { files, final } = result();
      const mismatches: string[] = [];
      for (const record of allRecords(final.dlq)) {
        const headers = headerMap(record);
        const seq = seqOfInputText(text(record.value) ?? '') ?? -1;
        const partition = Number(headers['__connect.errors.partition']);
        const offset = Number(headers['__connect.errors.offset']);
        const original = final.topic.partitions.get(partition)?.find((r) => r.offset === offset);
        const converterFailure = lineKind(seq) === 'converter-poison';
        const expected = {
          keys: CONTEXT_HEADER_KEYS,
          topic: files.topic,
          originalBytes: inputLine(seq).text,
          connector: files.sinkName,
          task: '0',
          stage: converterFailure ? 'VALUE_CONVERTER' : 'TRANSFORMATION',
          executingClass: converterFailure ? JSON_CONVERTER : INSERT_FIELD_VALUE,
          message: converterFailure ? CONVERTER_FAILURE_MESSAGE : TRANSFORM_FAILURE_MESSAGE,
          stacktraceHasMessage: true,
        };
        const actual = {
          keys: record.headers.map((h) => h.key),
          topic: headers['__connect.errors.topic'],
          originalBytes: original ? text(original.value) : `no record at ${partition}@${offset}`,
          connector: headers['__connect.errors.connector.name'],
          task: headers['__connect.errors.task.id'],
          stage: headers['__connect.errors.stage'],
          executingClass: headers['__connect.errors.class.name'],
          message: headers['__connect.errors.exception.message'],
          stacktraceHasMessage: (headers['__connect.errors.exception.stacktrace'] ?? '').includes(expected.message),
        };
        try {
          assert.deepEqual(actual, expected);
        } catch {
          mismatches.push(`line ${seq}: ${JSON.stringify(actual)}`);
        }
      }
      assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} DLQ records with wrong context headers`);
    });

    it("names the exception class in the DLQ headers as Kafka Connect does (DataException's Java name)", () => {
      const classes = new Set(allRecords(result().final.dlq).map((r) => headerMap(r)['__connect.errors.exception.class.name']));
      assert.deepEqual([...classes], [KAFKA_DATA_EXCEPTION]);
    });

    it('stops gracefully on SIGTERM after the restart', () => {
      assert.equal(result().final.stopExitCode, 0);
    });

    it('logs no errors while stopping gracefully', () => {
      assert.deepEqual(result().final.errorsLoggedWhileStopping, []);
    });
  });
}
