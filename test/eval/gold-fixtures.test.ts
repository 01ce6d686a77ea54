// The checked-in gold: valid, in step with its authoring sources, and linked to ids the KB has.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGold } from '../../pipeline/eval/gold.js';
import { compileGold, readGoldSource } from '../../pipeline/eval/gold-source.js';
import { defaultKbDir, readKnowledgeBase } from '../../pipeline/link/kb.js';

const GOLD = 'fixtures/gold';
const SOURCES = join(GOLD, 'src');
const gold = loadGold([GOLD]); // throws, naming the file and span, on any invalid gold

describe('gold fixtures', () => {
  it('cover every seed', () => {
    expect(gold.map((g) => g.source)).toEqual(expect.arrayContaining(readdirSync('seeds').map((f) => `seeds/${f}`)));
  });

  it('match their sources: compiling each source on the gold text gives the gold spans', () => {
    for (const file of readdirSync(SOURCES).filter((f) => f.endsWith('.yaml'))) {
      const src = readGoldSource(join(SOURCES, file));
      const g = gold.find((x) => x.id === src.id);
      expect(g, `${file}: no ${src.id}.json; run hanlink eval gold-compile`).toBeDefined();
      const compiled = compileGold(src, g!.text).gold;
      expect(compiled, `${file} and ${src.id}.json disagree; run hanlink eval gold-compile`).toEqual(g);
    }
  });

  it('link only to ids the knowledge base has', () => {
    const kb = readKnowledgeBase(defaultKbDir());
    const unknown = gold.flatMap((g) => g.entities.filter((e) => e.link && e.link !== 'nil' && !kb.get(e.link)).map((e) => `${g.id}: ${e.text} → ${e.link}`));
    expect(unknown).toEqual([]);
    const unknownRefs = gold.flatMap((g) => (g.references ?? []).flatMap((r) => r.links.filter((id) => kb.get(id)?.type !== 'person').map((id) => `${g.id}: ${r.text} → ${id}`)));
    expect(unknownRefs).toEqual([]);
  });

  it('annotate the references of every seed', () => {
    expect(gold.filter((g) => g.source.startsWith('seeds/') && !g.references).map((g) => g.id)).toEqual([]);
  });
});
