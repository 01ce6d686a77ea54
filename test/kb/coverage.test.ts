// The knowledge base covers what Korean defense/diplomacy news names constantly, with the schema's
// provenance fields (office sources, the KB's checked date) and the query functions the linker uses.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerKb } from '../../pipeline/cli/kb.js';
import { defaultKbDir, existedOn, readKnowledgeBase, type KbOrganization, type KnowledgeBase } from '../../pipeline/link/kb.js';

const kb = readKnowledgeBase(defaultKbDir());
const ids = (alias: string) => kb.lookup(alias).map((e) => e.id).sort();
const titlesOf = (kind: string, country: string) => new Set(kb.titlesOfKind(kind).filter((t) => t.country === country).map((t) => t.id));
const holderOn = (base: KnowledgeBase, kind: string, country: string, day: string) =>
  base.holdersOn(titlesOf(kind, country), day).map((h) => `${h.person.id}${h.office.acting ? ' (acting)' : ''}`).sort();

describe('KB coverage of the beat', () => {
  it('names the presidential office by its period name', () => {
    expect(ids('청와대')).toEqual(['org:kr-blue-house']);
    expect(ids('Blue House')).toEqual(['org:kr-blue-house']);
    expect(ids('대통령실')).toEqual(['org:kr-presidential-office']);
  });

  it('knows parties with the dates they existed under their names', () => {
    const org = (id: string) => kb.get(id) as KbOrganization;
    expect(ids('국민의힘')).toEqual(['org:kr-people-power-party']);
    expect(ids('자민당')).toEqual(['org:jp-ldp']);
    expect(ids('조선노동당')).toEqual(['org:kp-wpk']);
    expect(ids('중국공산당')).toEqual(['org:cn-ccp']);
    expect(existedOn(org('org:kr-liberty-korea-party'), '2019-11-01')).toBe(true);
    expect(existedOn(org('org:kr-liberty-korea-party'), '2020-03-01')).toBe(false);
    expect(existedOn(org('org:kr-united-future-party'), '2020-03-01')).toBe(true);
    expect(existedOn(org('org:kr-people-power-party'), '2020-03-01')).toBe(false);
    expect(existedOn(org('org:kr-people-power-party'), '2024-12-04')).toBe(true);
    // 민주당 is both Korea's and America's Democratic Party, and says so.
    expect(ids('민주당')).toEqual(['org:kr-democratic-party', 'org:us-democratic-party']);
  });

  it('knows the news organizations of bylines and attributions, with their short forms', () => {
    for (const [alias, id] of [
      ['연합뉴스', 'org:yonhap'], ['뉴시스', 'org:newsis'], ['뉴스1', 'org:news1'], ['KBS', 'org:kbs'], ['YTN', 'org:ytn'],
      ['한겨레', 'org:hankyoreh'], ['마이니치', 'org:mainichi-shimbun'], ['마이니치신문', 'org:mainichi-shimbun'], ['닛케이', 'org:nikkei'],
      ['교도통신', 'org:kyodo'], ['NHK', 'org:nhk'], ['로이터', 'org:reuters'], ['AP통신', 'org:ap'], ['AFP', 'org:afp'],
      ['블룸버그', 'org:bloomberg'], ['신화통신', 'org:xinhua'], ['타스', 'org:tass'], ['조선중앙통신', 'org:kp-kcna'], ['국방일보', 'org:kookbang-ilbo'],
    ]) expect(ids(alias), alias).toEqual([id]);
    expect(kb.entities.get('org:yonhap')).toMatchObject({ type: 'org', kind: 'media', country: 'KR' });
  });

  it('knows committees, groupings and agreements', () => {
    expect(ids('국방위원회')).toEqual(['org:kr-assembly-defense-committee']);
    expect(ids('외통위')).toEqual(['org:kr-assembly-foreign-affairs-committee']);
    expect(ids('지소미아')).toEqual(['event:gsomia']);
    expect(ids('GSOMIA')).toEqual(['event:gsomia']);
    expect(ids('쿼드')).toEqual(['org:quad']);
    expect(ids('오커스')).toEqual(['org:aukus']);
    expect(ids('G20')).toEqual(['org:g20']);
    expect(ids('APEC')).toEqual(['org:apec']);
    expect(ids('군사정보보호협정')).toEqual(['event:gsomia']);
    expect(ids('을지프리덤실드')).toEqual(['event:ulchi-freedom-shield']);
  });

  it('knows the places, with country codes', () => {
    for (const [alias, id, country] of [
      ['성주', 'place:seongju', 'KR'], ['센카쿠', 'place:senkaku', 'JP'], ['후쿠시마', 'place:fukushima', 'JP'], ['이스라엘', 'place:israel', 'IL'],
      ['이란', 'place:iran', 'IR'], ['가자지구', 'place:gaza', 'PS'], ['캠프 데이비드', 'place:camp-david', 'US'], ['대마도', 'place:tsushima', 'JP'],
    ]) {
      expect(ids(alias), alias).toEqual([id]);
      expect(kb.get(id)!.country).toBe(country);
    }
    expect(ids('유럽')).toEqual(['place:europe']);
    // A common word is no alias: 군비 경주 (arms race) is not Gyeongju.
    expect(ids('경주')).toEqual([]);
  });
});

describe('office holders on a day, acting ones included', () => {
  it('Korea: Kim Yong-hyun until his resignation on 2024-12-05, then Kim Seon-ho acting', () => {
    expect(holderOn(kb, 'defense-minister', 'KR', '2024-12-04')).toEqual(['person:kim-yong-hyun']);
    expect(holderOn(kb, 'defense-minister', 'KR', '2024-12-20')).toEqual(['person:kim-seon-ho (acting)']);
    expect(holderOn(kb, 'defense-minister', 'KR', '2025-03-10')).toEqual(['person:kim-seon-ho (acting)']);
    expect(holderOn(kb, 'defense-minister', 'KR', '2025-09-01')).toEqual(['person:ahn-gyu-back']);
  });

  it('US: the acting secretaries of defense of 2019 and 2021', () => {
    expect(holderOn(kb, 'defense-minister', 'US', '2019-03-01')).toEqual(['person:patrick-shanahan (acting)']);
    expect(holderOn(kb, 'defense-minister', 'US', '2019-07-01')).toEqual(['person:mark-esper (acting)']);
    expect(holderOn(kb, 'defense-minister', 'US', '2019-07-18')).toEqual(['person:richard-spencer (acting)']);
    expect(holderOn(kb, 'defense-minister', 'US', '2019-08-01')).toEqual(['person:mark-esper']);
    expect(holderOn(kb, 'defense-minister', 'US', '2020-12-01')).toEqual(['person:christopher-miller (acting)']);
    expect(holderOn(kb, 'defense-minister', 'US', '2021-01-21')).toEqual(['person:david-norquist (acting)']);
    expect(holderOn(kb, 'defense-minister', 'US', '2025-02-01')).toEqual(['person:pete-hegseth']);
  });

  it('Japan: Kishida held defense between Inada and Onodera; administrative vice ministers of defense', () => {
    expect(holderOn(kb, 'defense-minister', 'JP', '2017-07-30')).toEqual(['person:kishida-fumio']);
    expect(holderOn(kb, 'vice-defense-minister', 'JP', '2021-06-01')).toEqual(['person:shimada-kazuhisa']);
    expect(holderOn(kb, 'vice-defense-minister', 'JP', '2023-06-01')).toEqual(['person:masuda-kazuo']);
  });

  it('North Korea: No Kwang Chol, reappointed in 2023, is uncertain only where the KB is coarse', () => {
    const on = kb.holdersOn(titlesOf('defense-minister', 'KP'), '2024-06-01');
    expect(on.map((h) => [h.person.id, h.certain])).toEqual([['person:no-kwang-chol', true]]);
  });
});

describe('provenance: office sources and the checked date', () => {
  it('every office added since the sources rule has one, and the KB records when it was checked', () => {
    expect(kb.checked).toBe('2026-12-04');
    for (const id of ['person:kim-seon-ho', 'person:richard-spencer', 'person:no-kwang-chol', 'person:masuda-kazuo'])
      for (const o of (kb.get(id) as { offices: { source?: string }[] }).offices) expect(o.source, id).toMatch(/\S/);
    expect(kb.issues.filter((i) => i.level === 'error')).toEqual([]);
  });

  it('kb check warns about an office without a source and a KB without meta.yaml, and prints the checked date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hanlink-kb-'));
    try {
      writeFileSync(join(dir, 'titles.yaml'), readFileSync(join(defaultKbDir(), 'titles.yaml')));
      writeFileSync(join(dir, 'organizations.yaml'), readFileSync(join(defaultKbDir(), 'organizations.yaml')));
      writeFileSync(join(dir, 'people.yaml'), '- id: person:hong\n  name: {ko: 홍길동, en: Hong Gil-dong}\n  country: KR\n  offices:\n    - {title: title:kr-defense-minister, from: 2030-01-02}\n');
      const bare = readKnowledgeBase(dir);
      expect(bare.checked).toBeNull();
      expect(bare.issues.map((i) => `${i.level} ${i.message}`)).toEqual(expect.arrayContaining([
        'warning office title:kr-defense-minister (2030-01-02 – ?) has no source',
        'warning missing: the KB records no date when its facts were last checked',
      ]));
      writeFileSync(join(dir, 'meta.yaml'), 'checked: 2026-13\n');
      expect(readKnowledgeBase(dir).issues.some((i) => i.level === 'error' && i.file === 'meta.yaml')).toBe(true);

      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
      try {
        const p = new Command('hanlink').exitOverride();
        registerKb(p);
        await p.parseAsync(['node', 'hanlink', 'kb', 'check']);
      } finally {
        process.stdout.write = write;
        process.exitCode = 0;
      }
      expect(out.join('')).toMatch(/0 error\(s\).*facts last checked 2026-12-04/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
