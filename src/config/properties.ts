/**
 * Java `.properties` files, as `connect-standalone.sh` reads them (java.util.Properties.load): `key=value`,
 * `key: value` or `key value`; `#`/`!` comments; a trailing backslash continues a line; `\t \n \r \f \uXXXX`
 * escapes; a backslash before any other character stands for that character.
 */
export function parseProperties(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = stripLeading(lines[i] ?? '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (endsWithContinuation(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + stripLeading(lines[++i] ?? '');
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    const [key, value] = splitKeyValue(line);
    result[unescape(key)] = unescape(value);
  }
  return result;
}

function stripLeading(line: string): string {
  return line.replace(/^[ \t\f]+/, '');
}

/** An odd number of trailing backslashes continues the line. */
function endsWithContinuation(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

function splitKeyValue(line: string): [string, string] {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    i++;
  }
  const key = line.slice(0, i);
  let rest = line.slice(i);
  rest = rest.replace(/^[ \t\f]*/, '');
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]*/, '');
  return [key, rest];
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = text[++i] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      out += ESCAPES[next] ?? next;
    }
  }
  return out;
}
