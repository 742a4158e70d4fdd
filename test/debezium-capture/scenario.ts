/**
 * What a capture scenario is: a database prepared by `setup`, a Debezium PostgreSQL connector config, and a
 * scripted workload run once the connector streams. Scenarios are plain data (JSON-serialisable), so the
 * capture script can write them next to the recorded events and a differential test can replay them.
 */

/** One workload step. Each runs in its own transaction unless it is a `tx` group. */
export type Step =
  /** One statement, autocommitted (its own transaction). */
  | { readonly sql: string; readonly expectError?: string }
  /** Several statements in one transaction (BEGIN … COMMIT); rolled back if one fails (then `expectError` must match). */
  | { readonly tx: readonly string[]; readonly expectError?: string }
  /** Wait this long before the next step (heartbeats, timing-dependent behaviour). */
  | { readonly sleepMs: number };

export interface Scenario {
  /** File name of the capture: `<name>.jsonl`. Lower case, digits and dashes. */
  readonly name: string;
  readonly description: string;
  /**
   * The database the scenario runs in; it appears in `source.db`, so it is fixed per scenario. The harness drops
   * and recreates it for every run.
   */
  readonly database: string;
  /** DDL and rows present before the connector starts (seen by the snapshot). One transaction per entry. */
  readonly setup: readonly string[];
  /**
   * Connector config without the connection keys: the harness adds `database.hostname`, `database.port`,
   * `database.user`, `database.password` and `database.dbname` (= `database`). `topic.prefix`, `slot.name` and
   * `publication.name` must be set and unique to the scenario.
   */
  readonly config: Readonly<Record<string, string>>;
  readonly workload: readonly Step[];
  /**
   * Topics to record besides those the harness derives from `topic.prefix` (`<prefix>`, `<prefix>.*`,
   * `<heartbeat prefix>.<prefix>`), e.g. topics renamed by a RegexRouter.
   */
  readonly extraTopicPrefixes?: readonly string[];
  /** How long the topics must stay unchanged before the capture ends (default 5000 ms). */
  readonly quietMs?: number;
  /** Topics whose record count depends on timing (heartbeats): excluded from the quiet check. */
  readonly timingDependentTopics?: readonly string[];
  /** PostgreSQL major versions the scenario runs on (default: all). */
  readonly minMajorVersion?: number;
}

/** The connector name every run of a scenario uses (it shows in the `__debezium.context.connectorName` header). */
export function connectorName(scenario: Scenario): string {
  return `capture-${scenario.name}`;
}

export function requireConfig(scenario: Scenario, key: string): string {
  const value = scenario.config[key];
  if (value === undefined) throw new Error(`scenario ${scenario.name}: config has no ${key}`);
  return value;
}

/** The topic a scenario's heartbeats go to (`topic.heartbeat.prefix` + `.` + `topic.prefix`). */
export function heartbeatTopic(scenario: Scenario): string {
  const prefix = scenario.config['topic.heartbeat.prefix'] ?? '__debezium-heartbeat';
  return `${prefix}.${requireConfig(scenario, 'topic.prefix')}`;
}

/** Whether a topic belongs to the scenario's connector run. */
export function isScenarioTopic(scenario: Scenario, topic: string): boolean {
  const prefix = requireConfig(scenario, 'topic.prefix');
  if (topic === prefix || topic.startsWith(`${prefix}.`) || topic === heartbeatTopic(scenario)) return true;
  if (topic === scenario.config['topic.heartbeat.name']) return true;
  return (scenario.extraTopicPrefixes ?? []).some((p) => topic === p || topic.startsWith(p));
}
