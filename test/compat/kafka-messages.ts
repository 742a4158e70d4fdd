/**
 * Kafka Connect 3.9.1's wording for answers that depend on the worker's plugins, rebuilt from a worker's
 * `GET /connector-plugins` so one expectation serves Tidewater (whose plugin list grows) and Kafka Connect.
 */

export interface PluginInfo {
  readonly class: string;
  readonly type: string;
  readonly version: string;
}

/** Kafka's error body, as its REST API serializes it. */
export function errorBody(status: number, message: string): string {
  return JSON.stringify({ error_code: status, message });
}

export async function connectorPlugins(url: string): Promise<PluginInfo[]> {
  const response = await fetch(`${url}/connector-plugins`);
  if (response.status !== 200) throw new Error(`GET ${url}/connector-plugins answered ${response.status}`);
  return (await response.json()) as PluginInfo[];
}

const byClass = (a: PluginInfo, b: PluginInfo) => (a.class < b.class ? -1 : a.class > b.class ? 1 : 0);

/** The order Kafka lists connector plugins in: sinks, then sources, each by class name. */
export function listingOrder(plugins: readonly PluginInfo[]): PluginInfo[] {
  const rank = (p: PluginInfo) => (p.type === 'sink' ? 0 : 1);
  return [...plugins].sort((a, b) => rank(a) - rank(b) || byClass(a, b));
}

/** Kafka's `PluginDesc{…}` list, by class name (built-in plugins: location 'classpath'). */
export function pluginDescriptions(plugins: readonly PluginInfo[]): string {
  return [...plugins]
    .sort(byClass)
    .map(
      (p) =>
        `PluginDesc{klass=class ${p.class}, name='${p.class}', version='${p.version}', encodedVersion=${p.version}, ` +
        `type=${p.type}, typeName='${p.type}', location='classpath'}`,
    )
    .join(', ');
}

const NO_SUCH_CONNECTOR = 'Failed to find any class that implements Connector and which name matches';

/** Kafka's ConnectException (500) for a connector class no plugin provides. */
export function unknownConnectorClassMessage(className: string, plugins: readonly PluginInfo[]): string {
  return `${NO_SUCH_CONNECTOR} ${className}, available connectors are: ${pluginDescriptions(plugins)}`;
}

/**
 * The same failure on `PUT /connector-plugins/{plugin}/config/validate`: Kafka's resource reports the
 * ExecutionException around it, so the message starts with the exception's class.
 */
export function unknownConnectorClassOnValidateMessage(className: string, plugins: readonly PluginInfo[]): string {
  return `org.apache.kafka.connect.errors.ConnectException: ${unknownConnectorClassMessage(className, plugins)}`;
}

/** The worker-specific tail of an unknown-class message (its plugin list), replaced by a placeholder. */
export function withoutPluginList(text: string): string {
  return text.replace(/(, available connectors are: )[^"]*/g, '$1<plugins>');
}

/** The invalid-configuration message of Kafka's herder (400), with its fixed last line. */
export function invalidConfigMessage(errors: readonly string[]): string {
  return (
    `Connector configuration is invalid and contains the following ${errors.length} error(s):\n${errors.join('\n')}\n` +
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`'
  );
}
