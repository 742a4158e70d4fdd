import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KAFKA_DEFAULT_SAMPLE_WINDOW, SampledStat } from './sampled-stat.js';

describe('SampledStat (Kafka sensor window: 2 samples of 30 s)', () => {
  it('pads the first window so a rate right after start-up is not inflated', () => {
    const stat = new SampledStat(KAFKA_DEFAULT_SAMPLE_WINDOW);
    stat.record(60, 0);
    assert.equal(stat.ratePerSecond(0), 2); // 60 over the padded 30 s
    assert.equal(stat.ratePerSecond(10_000), 1.5); // 60 over 10 s + 30 s of padding
    assert.equal(stat.ratePerSecond(30_000), 2); // one full window: no padding any more
  });

  it('starts a new sample once the window has passed and combines both', () => {
    const stat = new SampledStat();
    stat.record(60, 0);
    stat.record(30, 30_000);
    assert.equal(stat.ratePerSecond(45_000), 2); // 90 over 45 s since the oldest sample started
    assert.equal(stat.average(45_000), 45);
    assert.equal(stat.max(45_000), 60);
  });

  it('forgets samples whose last event is a whole window span old', () => {
    const stat = new SampledStat();
    stat.record(60, 0);
    stat.record(30, 30_000);
    assert.equal(stat.ratePerSecond(60_000), 1); // the first sample expired: 30 over 30 s
    assert.equal(stat.max(60_000), 30);
    assert.equal(stat.ratePerSecond(90_000), 0);
    assert.ok(Number.isNaN(stat.average(90_000)));
    assert.ok(Number.isNaN(stat.max(90_000)));
  });

  it('recycles the oldest of its three slots', () => {
    const stat = new SampledStat();
    stat.record(1, 0);
    stat.record(2, 30_000);
    stat.record(4, 60_000);
    stat.record(8, 90_000); // reuses the slot of the sample started at 0
    assert.equal(stat.ratePerSecond(90_000), 0.4); // 4 + 8 over 30 s (the sample at 30 s has expired)
    assert.equal(stat.average(90_000), 6);
  });

  it('reports NaN averages and maxima, and zero frequencies, when nothing was recorded', () => {
    const stat = new SampledStat();
    assert.equal(stat.ratePerSecond(0), 0);
    assert.ok(Number.isNaN(stat.average(0)));
    assert.ok(Number.isNaN(stat.max(0)));
    assert.equal(stat.booleanFrequency(true, 0), 0);
    assert.equal(stat.booleanFrequency(false, 0), 0);
  });

  it('gives boolean frequencies as fractions of the events in the window', () => {
    const stat = new SampledStat();
    stat.record(1, 0);
    stat.record(1, 1_000);
    stat.record(0, 2_000);
    stat.record(0, 3_000);
    assert.equal(stat.booleanFrequency(true, 3_000), 0.5);
    stat.record(1, 4_000);
    assert.equal(stat.booleanFrequency(true, 4_000), 0.6);
    assert.equal(stat.booleanFrequency(false, 4_000), 0.4);
  });

  it('keeps a maximum of zero or negative values (unlike a sentinel-based max)', () => {
    const stat = new SampledStat();
    stat.record(0, 0);
    assert.equal(stat.max(0), 0);
    stat.record(-5, 1);
    assert.equal(stat.max(1), 0);
  });

  it('honours a custom window', () => {
    const stat = new SampledStat({ samples: 3, windowMs: 1_000 });
    stat.record(6, 0);
    assert.equal(stat.ratePerSecond(0), 3); // padded to 2 windows of 1 s
    assert.equal(stat.ratePerSecond(2_000), 3); // 2 s elapsed, no padding
    assert.equal(stat.ratePerSecond(3_000), 0); // expired after 3 s
  });
});
