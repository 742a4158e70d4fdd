/**
 * JVM flags for test services on a 2-core machine. C1 only and the serial collector start a JVM with about
 * 40% less CPU and a fraction of the memory; peak throughput is lower, which tests do not need. A service
 * that benchmarks measure (Kafka, Kafka Connect) names an environment variable whose value, when set,
 * replaces these flags entirely.
 */
export function leanJvmFlags(options: { heap: string; initialHeap?: string; serialGc?: boolean; override?: string }): string[] {
  const custom = options.override ? process.env[options.override] : undefined;
  if (custom) return custom.split(/\s+/).filter(Boolean);
  return [
    ...(options.initialHeap ? [`-Xms${options.initialHeap}`] : []),
    `-Xmx${options.heap}`,
    '-XX:TieredStopAtLevel=1',
    ...(options.serialGc === false ? [] : ['-XX:+UseSerialGC']),
    '-XX:-UsePerfData',
  ];
}
