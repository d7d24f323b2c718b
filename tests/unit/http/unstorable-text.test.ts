import { describe, expect, it } from 'vitest';
import { findUnstorableText } from '../../../server/lib/unstorable-text.ts';

describe('findUnstorableText', () => {
  it('names every string with NUL or a lone surrogate by its dotted path, keys included', () => {
    const found = findUnstorableText({ a: 'ok', b: 'x\u0000', c: [{ d: '\ud800' }, 'fine 😀'], ['k\u0000']: 1 });
    expect(found).toHaveLength(3);
    expect(found).toEqual(expect.arrayContaining([
      { path: 'b', message: expect.stringContaining('NUL') },
      { path: 'c.0.d', message: expect.stringContaining('surrogate') },
      { path: 'k\\u0000', message: expect.stringContaining('field name') },
    ]));
  });

  it('accepts well-formed text, surrogate pairs, numbers and nulls', () => {
    expect(findUnstorableText({ a: 'Málaga 😀', b: 1, c: null, d: [true, '\u{1F600}'] })).toEqual([]);
  });

  it('walks any depth without exhausting the stack, and reports at most `max`', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const [found] = findUnstorableText(deep);
    expect(found.path.split('.')).toHaveLength(200_000);
    expect(findUnstorableText(Array(100).fill('\u0000'), 5)).toHaveLength(5);
  });
});
