import { describe, expect, it } from 'vitest';
import { renderHighlight } from '../../../server/services/search/highlight.ts';
import { osaDistance, planQuery, type AnalyzedWord } from '../../../server/services/search/postgres/query.ts';

const word = (w: string, extra: Partial<AnalyzedWord> = {}): AnalyzedWord =>
  ({ word: w, lexemes: [w], stop: false, df: 0, candidates: [], synonyms: [], ...extra });

describe('optimal string alignment distance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(osaDistance('kitchen', 'kitchen')).toBe(0);
    expect(osaDistance('kitchen', 'kitchn')).toBe(1);
    expect(osaDistance('kitchen', 'kitcchen')).toBe(1);
    expect(osaDistance('kitchen', 'kitchan')).toBe(1);
    expect(osaDistance('kitchen', 'kicthen')).toBe(1);
    expect(osaDistance('kitchen', 'ktichne')).toBe(2);
    expect(osaDistance('kitchen', 'garden', 2)).toBe(3); // capped at max + 1
    expect(osaDistance('réfugié', 'refugie')).toBe(2);
  });
});

describe('query planning', () => {
  it('widens an unknown word with its neighbours one edit away, most frequent first, and says so', () => {
    const plan = planQuery([word('kicthen', {
      candidates: [{ w: 'kitchen', df: 40, lx: ['kitchen'] }, { w: 'kitten', df: 3, lx: ['kitten'] }, { w: 'chicken', df: 90, lx: ['chicken'] }],
    })])!;
    expect(plan.corrections).toEqual([{ word: 'kicthen', to: ['kitchen'] }]); // kitten and chicken are two edits away
    expect(plan.match).toBe("('kicthen' | 'kitchen')");
    expect(plan.exact).toBe("'kicthen'");
  });

  it('takes a known word as typed unless a neighbour is far more common', () => {
    const known = planQuery([word('hosing', { df: 30, candidates: [{ w: 'housing', df: 100, lx: ['hous'] }] })])!;
    expect(known.corrections).toEqual([]);
    const rare = planQuery([word('hosing', { df: 2, candidates: [{ w: 'housing', df: 100, lx: ['hous'] }] })])!;
    expect(rare.corrections).toEqual([{ word: 'hosing', to: ['housing'] }]);
  });

  it('corrects short words only when they may be a five-letter word missing a letter', () => {
    const four = planQuery([word('slud', { candidates: [{ w: 'salud', df: 9, lx: ['salud'] }, { w: 'slug', df: 9, lx: ['slug'] }] })])!;
    expect(four.corrections).toEqual([{ word: 'slud', to: ['salud'] }]);
    const three = planQuery([word('sld', { candidates: [{ w: 'slid', df: 9, lx: ['slid'] }] })])!;
    expect(three.corrections).toEqual([]);
  });

  it('allows two edits from nine letters', () => {
    const plan = planQuery([word('intergation', { candidates: [{ w: 'integration', df: 50, lx: ['integr'] }] })])!;
    expect(plan.corrections).toEqual([{ word: 'intergation', to: ['integration'] }]);
  });

  it('requires every word, ORs synonyms in, and ranks on the words as typed', () => {
    const plan = planQuery([word('housing', { lexemes: ['hous', 'housing'], synonyms: ['logement', 'log'] }), word('palermo')])!;
    expect(plan.match).toBe("('hous' | 'housing' | 'logement' | 'log') & 'palermo'");
    expect(plan.exact).toBe("('hous' | 'housing') & 'palermo'");
    expect(plan.any).toBe("('hous' | 'housing' | 'logement' | 'log' | 'palermo')");
  });

  it('drops stop words unless nothing else is left, and quotes lexemes safely', () => {
    expect(planQuery([word('the', { stop: true }), word('kitchen')])!.match).toBe("'kitchen'");
    expect(planQuery([word('the', { stop: true })])!.match).toBe("'the'");
    expect(planQuery([word("o'neil", { lexemes: ["o'neil", 'back\\slash'] })])!.match).toBe("('o''neil' | 'back\\\\slash')");
    expect(planQuery([word('x', { lexemes: [] })])).toBeNull();
  });
});

describe('highlights', () => {
  it('escapes the text and turns markers into balanced <mark> tags', () => {
    expect(renderHighlight('<b>x</b> & \uE000kitchen\uE001')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; <mark>kitchen</mark>');
    expect(renderHighlight('a \uE000open')).toBe('a <mark>open</mark>');
    expect(renderHighlight('stray\uE001 end')).toBe('stray end');
    expect(renderHighlight('"q" \'s\'')).toBe('&quot;q&quot; &#39;s&#39;');
  });
});
