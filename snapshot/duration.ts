/**
 * Debezium's duration text (Strings.duration), used in its snapshot log lines: `HH:MM:SS.fff` with the
 * milliseconds' trailing zeros dropped (`00:00:05.2`, `00:01:00.0`).
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const seconds = Math.floor(total / 1000);
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  const head = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}.`;
  const millis = total % 1000;
  if (millis === 0) return `${head}0`;
  return head + String(millis).padStart(3, '0').replace(/0{1,2}$/, '');
}
