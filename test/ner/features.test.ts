// The hashed NER features: each is the hash of the feature name it stands for (so models keep
// their meaning across the hashing), the hash table finds exactly what was added, and the
// regex-free whitespace test agrees with JavaScript's \s everywhere.
import { describe, expect, it } from 'vitest';
import { FeatureTable, hashName, type HashedFeatures } from '../../pipeline/ner/feature-hash.js';
import { extractFeatures } from '../../pipeline/ner/features.js';
import { isSpaceCode } from '../../pipeline/segment/scripts.js';
import { analyzeText, loadTokenizers } from '../../pipeline/tokenize/index.js';

/** The hashes of position t, as "a:b" keys. */
const at = (f: HashedFeatures, t: number) => {
  const out: string[] = [];
  for (let k = f.offsets[t]; k < f.offsets[t + 1]; k++) out.push(`${f.a[k]}:${f.b[k]}`);
  return out;
};
const key = (name: string) => { const h = hashName(name); return `${h.a}:${h.b}`; };

describe('hashed NER features', () => {
  it('are the hashes of the named character, word, list and token features, in order', async () => {
    const tokenizers = await loadTokenizers([]);
    const text = '김철수 장관은 서울에서';
    const doc = analyzeText(text, tokenizers, 'features-test');
    const f = extractFeatures({ text, tokens: doc.tokens });
    expect(f.n).toBe(text.length);
    const first = at(f, 0);
    expect(first.slice(0, 6)).toEqual(['b', 'c0=김', 'c-1=<s>', 'c+1=철', 'c-2=<s>', 'c+2=수'].map(key));
    for (const name of ['c-1c0c+1=<s>김철', 's-2..s+2=__HHH', 'wpos=0|2', 'wpre3=김철수|0', 'w=김철수', 'pw=<s>', 'nw=장관', 'nwlist=title']) expect(first).toContain(key(name));
    // "장관" is a title-list word: its characters carry lx=title|B and lx=title|E, after the other features.
    expect(at(f, 4).at(-1)).toBe(key('lx=title|B'));
    expect(at(f, 5)).toContain(key('lx=title|E'));
    // The particle 은 ends the stem 장관: its position carries the stem's tail.
    expect(at(f, 6)).toContain(key('sttail=은'));
    // The space between words.
    expect(at(f, 3)).toContain(key('space'));
  });

  it('agree with \\s on whitespace, unit by unit', () => {
    for (let c = 0; c < 0x10000; c++) expect(isSpaceCode(c), `U+${c.toString(16)}`).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('find in the table exactly the hashes added, through growth', () => {
    const table = FeatureTable.withCapacity(4);
    const names = Array.from({ length: 5000 }, (_, i) => `f${i}=${String.fromCharCode(0xac00 + (i % 300))}`);
    names.forEach((name, i) => { const h = hashName(name); expect(table.add(h.a, h.b)).toBe(i); });
    expect(table.size).toBe(names.length);
    names.forEach((name, i) => { const h = hashName(name); expect(table.get(h.a, h.b)).toBe(i); expect(table.add(h.a, h.b)).toBe(i); });
    const absent = hashName('f5000=가');
    expect(table.get(absent.a, absent.b)).toBe(-1);
    const keys = table.keys();
    expect(Array.from(keys.a.slice(0, 2))).toEqual([hashName(names[0]).a, hashName(names[1]).a]);
  });
});
