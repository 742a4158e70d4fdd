import type { PgoutputMessage } from './pgoutput-messages.js';
import type { TupleData } from './tuple.js';

/** A tuple column in readable form: text decoded as UTF-8, binary as hex. */
export type PlainColumn =
  | { readonly kind: 'null' }
  | { readonly kind: 'unchanged-toast' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly hex: string };

type Plain<M> = {
  readonly [K in keyof M]: M[K] extends TupleData
    ? PlainColumn[]
    : M[K] extends TupleData | undefined
      ? PlainColumn[] | undefined
      : M[K] extends Uint8Array
        ? string
        : M[K];
};

/** A decoded message with its tuples and byte fields made readable (for tests, logs and fixture checks). */
export type PlainMessage = PgoutputMessage extends infer M ? (M extends PgoutputMessage ? Plain<M> : never) : never;

export function plainTuple(tuple: TupleData): PlainColumn[] {
  const out: PlainColumn[] = [];
  for (let i = 0; i < tuple.count; i++) {
    const kind = tuple.kind(i);
    switch (kind) {
      case 'text':
        out.push({ kind, text: tuple.text(i) ?? '' });
        break;
      case 'binary':
        out.push({ kind, hex: Buffer.from(tuple.bytes(i) ?? []).toString('hex') });
        break;
      case 'null':
      case 'unchanged-toast':
        out.push({ kind });
        break;
      default: {
        const never: never = kind;
        throw new Error(`unknown kind ${String(never)}`);
      }
    }
  }
  return out;
}

function optional(tuple: TupleData | undefined): PlainColumn[] | undefined {
  return tuple === undefined ? undefined : plainTuple(tuple);
}

/** Tuples become arrays of PlainColumn; a logical message's content becomes its UTF-8 text. */
export function plainMessage(m: PgoutputMessage): PlainMessage {
  switch (m.type) {
    case 'insert':
      return { ...m, newTuple: plainTuple(m.newTuple) };
    case 'update':
      return { ...m, oldKey: optional(m.oldKey), oldTuple: optional(m.oldTuple), newTuple: plainTuple(m.newTuple) };
    case 'delete':
      return { ...m, oldKey: optional(m.oldKey), oldTuple: optional(m.oldTuple) };
    case 'message':
      return { ...m, content: Buffer.from(m.content).toString('utf8') };
    default:
      return m;
  }
}
