import type { FieldError } from './errors.ts';

/**
 * Text PostgreSQL cannot store: U+0000 (22021 through Prisma, 22P05 in jsonb) and lone UTF-16
 * surrogates (they have no UTF-8 encoding and would be silently replaced by U+FFFD).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemWith(s: string): string | null {
  if (s.includes('\u0000')) return 'Contains the NUL character (U+0000), which is not allowed in text';
  if (LONE_SURROGATE.test(s)) return 'Contains a lone UTF-16 surrogate: not valid Unicode text';
  return null;
}

type Frame = { value: unknown; key: string | null; parent: Frame | null };

const pathOf = (frame: Frame) => {
  const keys: string[] = [];
  for (let f: Frame | null = frame; f; f = f.parent) if (f.key !== null) keys.push(f.key);
  return keys.reverse().join('.');
};
const printable = (s: string) => s.replaceAll('\u0000', '\\u0000').replace(/[\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/**
 * Every string (and object key) in a parsed body, query or params that the database cannot take, by
 * path. Iterative, so any depth of JSON body-parser accepts is walked without exhausting the stack.
 */
export function findUnstorableText(input: unknown, max = 20): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Frame[] = [{ value: input, key: null, parent: null }];
  while (stack.length && errors.length < max) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') {
      const message = problemWith(value);
      if (message) errors.push({ path: printable(pathOf(frame)), message });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: String(i), parent: frame });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const keyMessage = problemWith(key);
        if (keyMessage) errors.push({ path: printable(pathOf({ value: null, key, parent: frame })), message: `${keyMessage} (in a field name)` });
        else stack.push({ value: child, key, parent: frame });
      }
    }
  }
  return errors;
}
