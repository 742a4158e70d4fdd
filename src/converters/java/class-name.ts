/**
 * The Java class Kafka would see for a Tidewater value, for error messages that quote `value.getClass()`
 * (e.g. "Invalid type for INT32: class java.lang.String"). JavaScript numbers carry no Java type: a safe
 * integer is named Integer or Long by range, any other number Double (past 2^53 int64s are bigints).
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { Struct } from '../../api/data/struct.js';

export function javaClassName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'java.lang.String';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'bigint':
      return 'java.lang.Long';
    case 'number':
      if (!Number.isSafeInteger(value)) return 'java.lang.Double';
      return value >= -(2 ** 31) && value < 2 ** 31 ? 'java.lang.Integer' : 'java.lang.Long';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Uint8Array) return '[B';
      if (Array.isArray(value)) return 'java.util.ArrayList';
      if (value instanceof Map) return 'java.util.HashMap';
      if (value instanceof Struct) return 'org.apache.kafka.connect.data.Struct';
      if (value instanceof BigDecimal) return 'java.math.BigDecimal';
      if (value instanceof Date) return 'java.util.Date';
      return value.constructor?.name ?? 'java.lang.Object';
    default:
      return typeof value;
  }
}

/** Java's `value.getClass().toString()`: `class java.lang.String`. */
export function javaClassOf(value: unknown): string {
  return `class ${javaClassName(value)}`;
}
