// compromise is loaded on the first English stretch that needs it (its CommonJS build): the
// analyses must be those of the ES module the tokenizer imported before, on every English stretch
// of the seeds, the news fixtures and (when present) KLUE's raw sentences.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import nlpModule from 'compromise';
import { describe, expect, it } from 'vitest';
import { corpora, packageRoot } from '../../pipeline/run/package.js';
import { segmentArticle } from '../../pipeline/segment/index.js';
import { EnglishAnalyzer } from '../../pipeline/tokenize/english.js';
import { foreignPieces } from '../../pipeline/tokenize/languages.js';
import { emptyArticle } from '../../pipeline/types.js';

const require = createRequire(import.meta.url);
const loaded = () => require.cache[require.resolve('compromise')] !== undefined;

function englishStretches(texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    const doc = segmentArticle(emptyArticle({ id: 't', source: 't', text }));
    for (const s of doc.sentences) {
      const runs = doc.scripts.filter((r) => r.start >= s.start && r.end <= s.end);
      for (const p of foreignPieces(text, runs)) if (p.lang === 'en') found.add(text.slice(p.start, p.end));
    }
  }
  return [...found];
}

const dirTexts = (dir: string) => readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));

describe('English stretches', () => {
  it('leave compromise unloaded until a stretch other than an acronym comes', () => {
    const en = new EnglishAnalyzer();
    const acronym = en.tokenize('한미 SCM 회의', 3, 6);
    expect(acronym.map((t) => [t.surface, t.pos])).toEqual([['SCM', 'Acronym|Noun']]);
    expect(loaded()).toBe(false);
    const name = en.tokenize('Lloyd Austin 장관', 0, 12);
    expect(loaded()).toBe(true);
    expect(name.map((t) => t.surface)).toEqual(['Lloyd', 'Austin']);
    expect(name.every((t) => t.semantic === 'Person')).toBe(true);
  });

  it('get the analyses of compromise as an ES module, on real text', () => {
    const texts = [...dirTexts(join(packageRoot(), 'seeds')), ...dirTexts(join(packageRoot(), 'fixtures', 'news', 'text'))];
    if (existsSync(corpora.klueRaw())) texts.push(...readFileSync(corpora.klueRaw(), 'utf8').split('\n'));
    const stretches = englishStretches(texts);
    expect(stretches.length).toBeGreaterThan(50);
    const lazy = require('compromise') as typeof nlpModule;
    expect(lazy).not.toBe(nlpModule);
    // What the analyzer reads of each term (the json's term ids count calls, so they differ).
    const analysis = (nlp: typeof nlpModule, s: string) =>
      (nlp(s).compute('root').json() as { terms: { text: string; pre: string; post: string; tags: string[]; root?: string }[] }[])
        .map((sentence) => sentence.terms.map(({ text, pre, post, tags, root }) => ({ text, pre, post, tags, root })));
    for (const s of stretches) expect(analysis(lazy, s), s).toEqual(analysis(nlpModule, s));
  });
});
