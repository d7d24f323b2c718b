import { describe, expect, it } from 'vitest';
import { renderHighlight } from '../../../server/services/search/highlight.ts';
import { needsSynonymVocabulary, osaDistance, planQuery, withSynonymCandidates, type AnalyzedWord, type SynonymVocabulary } from '../../../server/services/search/postgres/query.ts';
import { foldedSynonymMap } from '../../../server/services/search/synonyms.ts';
import { nearTerms } from '../../../server/services/search/typos.ts';

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

describe('typos of synonym terms', () => {
  const synonyms = foldedSynonymMap([['housing', 'logement', 'vivienda'], ['health', 'santé', 'salud'], ['women', 'femmes']]);
  // lexemes as charter_lexemes gives them (stems of en/fr/es plus the folded word)
  const vocabulary: SynonymVocabulary = {
    synonyms, terms: Object.keys(synonyms),
    lexemes: new Map([['housing', ['hous', 'housing']], ['logement', ['log', 'logement']], ['vivienda', ['viviend', 'vivienda']],
      ['health', ['health']], ['sante', ['sant', 'sante']], ['salud', ['salud']], ['women', ['women']], ['femmes', ['femm', 'femmes']]]),
  };

  it('folds the synonym map: keys and values compare as query words do', () => {
    expect(synonyms.sante).toEqual(['health', 'salud']);
    expect(synonyms.health).toEqual(['sante', 'salud']);
  });

  it('finds the terms a word may be a typo of, with the typo budget of its length', () => {
    expect(nearTerms('hosuing', vocabulary.terms)).toEqual(['housing']);
    expect(nearTerms('logemnet', vocabulary.terms)).toEqual(['logement']);
    expect(nearTerms('woen', vocabulary.terms)).toEqual(['women']); // four letters: a five-letter term missing one
    expect(nearTerms('hsng', vocabulary.terms)).toEqual([]);
    expect(nearTerms('kitchen', vocabulary.terms)).toEqual([]);
  });

  it('corrects an unknown word to the synonym term it is a typo of, then expands that term', () => {
    const words = [word('hosuing', { lexemes: ['hosu', 'hosuing'] })];
    expect(needsSynonymVocabulary(words, synonyms)).toBe(true);
    const plan = planQuery(withSynonymCandidates(words, vocabulary))!;
    expect(plan.corrections).toEqual([{ word: 'hosuing', to: ['housing'] }]);
    expect(plan.match).toBe("('hosu' | 'hosuing' | 'hous' | 'housing' | 'log' | 'logement' | 'viviend' | 'vivienda')");
    expect(plan.exact).toBe("('hosu' | 'hosuing')");
  });

  it('keeps a lexicon correction as it is (the word alone), and prefers a vocabulary term at equal distance', () => {
    const words = [word('logemnet', { candidates: [{ w: 'logement', df: 2, lx: ['log', 'logement'] }] }),
      word('hosing', { candidates: [{ w: 'hoping', df: 50, lx: ['hope', 'hoping'] }] })];
    const plan = planQuery(withSynonymCandidates(words, vocabulary))!;
    expect(plan.corrections).toEqual([{ word: 'logemnet', to: ['logement'] }, { word: 'hosing', to: ['housing', 'hoping'] }]);
    // the index holds "logement": searched alone, as the lexicon's typo path always did (bench:search typo recall)
    expect(plan.match.split(' & ')[0]).toBe("('logemnet' | 'log' | 'logement')");
    // "housing" only from the vocabulary: it brings its synonyms
    expect(plan.match.split(' & ')[1]).toBe("('hosing' | 'hous' | 'housing' | 'log' | 'logement' | 'viviend' | 'vivienda' | 'hope' | 'hoping')");
  });

  it('leaves known words, synonym terms themselves and words with digits alone (no vocabulary needed)', () => {
    const words = [word('hosing', { df: 3 }), word('housing', { synonyms: ['logement'] }), word('hous1ng')];
    expect(needsSynonymVocabulary(words, synonyms)).toBe(false);
    expect(planQuery(withSynonymCandidates(words, vocabulary))!.corrections).toEqual([]);
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
