// The knowledge base: readable YAML files in models/kb/ (one per kind), validated with zod, indexed
// by normalized alias, and cached per process. Format and policy: docs/kb.md.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { cacheDir, entryName, touchEntry, writeEntry } from '../run/disk-cache.js';
import { packageRoot } from '../run/package.js';
import type { Term } from '../types.js';
import { aliasVariants } from './romanize.js';

/** A date at year, month or day precision: 2024, 2024-09, 2024-09-06. */
const KbDate = z.union([z.number().int().min(1900).max(2100).transform(String), z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)]);

const Names = z.strictObject({
  ko: z.array(z.string().min(1)).default([]),
  en: z.array(z.string().min(1)).default([]),
  /** Kanji and kana forms; family and given name separated by a space ("森 健良"). */
  ja: z.array(z.string().min(1)).default([]),
});

const Ambiguity = z.strictObject({ alias: z.string().min(1), note: z.string().min(1) });

const Base = z.strictObject({
  id: z.string().regex(/^(person|org|place|event|title):[a-z0-9][a-z0-9-]*$/),
  name: z.strictObject({ ko: z.string().min(1), en: z.string().min(1), ja: z.string().optional() }),
  aliases: Names.default({ ko: [], en: [], ja: [] }),
  /** ISO 3166-1 alpha-2; "UN" style bodies and alliances leave it out. */
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  /** Only where certain. */
  wikidata: z.string().regex(/^Q\d+$/).optional(),
  /** Aliases this record shares with another on purpose, with the reason. */
  ambiguous_ok: z.array(Ambiguity).default([]),
  note: z.string().optional(),
});

export const OfficeSchema = z.strictObject({
  /** A country-specific title record (titles.yaml). */
  title: z.string().regex(/^title:/),
  /** First day in office at the given precision; left out when unknown. */
  from: KbDate.optional(),
  /** Last day in office; null for an incumbent as of 2026-11; left out when unknown. */
  to: KbDate.nullable().optional(),
  acting: z.boolean().default(false),
  /** Where the dates come from: a short citation ("Wikipedia: Minister of National Defense (South Korea)",
   *  an official announcement). `hanlink kb check` warns about offices without one. */
  source: z.string().min(1).optional(),
});
export type Office = z.infer<typeof OfficeSchema>;

export const PersonSchema = Base.extend({
  /** The form used before a title ("김 장관", "오스틴 장관"); derived for 3-syllable Korean names. */
  surname: z.strictObject({ ko: z.string().min(1) }).optional(),
  offices: z.array(OfficeSchema).default([]),
});
export const OrganizationSchema = Base.extend({
  kind: z.enum(['government', 'ministry', 'military', 'command', 'alliance', 'council', 'committee', 'international', 'party', 'agency', 'media', 'company', 'other']),
  parent: z.string().regex(/^org:/).optional(),
  /** When the organization existed under this record (a party renamed or merged ends); left out when unknown or long-standing. */
  from: KbDate.optional(),
  to: KbDate.optional(),
});
export const PlaceSchema = Base.extend({
  kind: z.enum(['country', 'region', 'city', 'base', 'site', 'sea']),
});
export const EventSchema = Base.extend({
  kind: z.enum(['meeting', 'summit', 'exercise', 'agreement', 'incident', 'forum']),
  date: KbDate.optional(),
  org: z.string().regex(/^org:/).optional(),
});
export const TitleSchema = Base.extend({
  /** What the office is, across countries: defense-minister, foreign-minister, president, ... */
  kind: z.string().regex(/^[a-z-]+$/),
  /** minister, vice-minister, head, ... : what a group mention ("양 장관", "3국 차관") counts. */
  rank: z.enum(['head-of-state', 'head-of-government', 'minister', 'vice-minister', 'official', 'military']),
  org: z.string().regex(/^org:/).optional(),
  /** A generic title ("국방장관") names no country and stands for every title of its kind. */
  generic: z.boolean().default(false),
});

export type KbPerson = z.infer<typeof PersonSchema> & { type: 'person' };
export type KbOrganization = z.infer<typeof OrganizationSchema> & { type: 'org' };
export type KbPlace = z.infer<typeof PlaceSchema> & { type: 'place' };
export type KbEvent = z.infer<typeof EventSchema> & { type: 'event' };
export type KbTitle = z.infer<typeof TitleSchema> & { type: 'title' };
export type KbEntity = KbPerson | KbOrganization | KbPlace | KbEvent | KbTitle;
export type KbType = KbEntity['type'];

/** `meta.yaml`: facts about the KB as a whole. `checked` is the day its facts were last reviewed. */
export const MetaSchema = z.strictObject({
  checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const META_FILE = 'meta.yaml';

const FILES: Record<string, { type: KbType; schema: z.ZodType }> = {
  'people.yaml': { type: 'person', schema: PersonSchema },
  'organizations.yaml': { type: 'org', schema: OrganizationSchema },
  'places.yaml': { type: 'place', schema: PlaceSchema },
  'events.yaml': { type: 'event', schema: EventSchema },
  'titles.yaml': { type: 'title', schema: TitleSchema },
};

export interface KbIssue {
  level: 'error' | 'warning';
  file: string;
  id?: string;
  message: string;
}

/** Alias keys ignore case, width and spacing, so "森 健良" and "森健良", "Wendy R. Sherman" and "wendy r sherman" meet. */
export function aliasKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s.·・,]+/g, '');
}

/** The Korean surname used with titles: explicit, or the first syllable of a 3-syllable Korean name. */
export function surnameOf(p: KbPerson): string | null {
  if (p.surname) return p.surname.ko;
  if ((p.country === 'KR' || p.country === 'KP') && /^[가-힣]{3}$/.test(p.name.ko)) return p.name.ko[0];
  return null;
}

/** Every surface form of an entity: its names, aliases and generated romanization variants. */
export function surfaceForms(e: KbEntity): string[] {
  const forms = new Set<string>([e.name.ko, e.name.en, ...(e.name.ja ? [e.name.ja] : []), ...e.aliases.ko, ...e.aliases.en, ...e.aliases.ja]);
  if (e.type === 'person' && e.country === 'JP') for (const f of [...forms]) for (const v of aliasVariants(f)) forms.add(v);
  return [...forms];
}

export interface KnowledgeBase {
  readonly dir: string;
  readonly entities: ReadonlyMap<string, KbEntity>;
  readonly issues: readonly KbIssue[];
  /** The day the KB's facts were last reviewed (meta.yaml), or null when not recorded. */
  readonly checked: string | null;
  get(id: string): KbEntity | undefined;
  /** Entities one alias (any script, spacing-insensitive) may refer to. */
  lookup(alias: string): KbEntity[];
  /** Every alias surface form with the ids it names: what the mention matcher compiles. */
  aliases(): ReadonlyMap<string, readonly string[]>;
  /** Terms for the tokenizer's user dictionary and the NER gazetteer: every alias of people, organizations, places and events. */
  terms(): Term[];
  /** Candidates for a free-text query: exact alias first, then prefix and substring matches. */
  find(query: string): KbEntity[];
  /** People by the Korean surname used with titles. */
  bySurname(surname: string): KbPerson[];
  /** Title records by kind (defense-minister, ...). */
  titlesOfKind(kind: string): KbTitle[];
  /** People who ever held one of the given title records. */
  holders(titleIds: ReadonlySet<string>): KbPerson[];
  /** Who held one of the titles on `day` (YYYY-MM-DD), acting holders included; `certain` is false where the record leaves a bound open. */
  holdersOn(titleIds: ReadonlySet<string>, day: string): { person: KbPerson; office: Office; certain: boolean }[];
}

export function defaultKbDir(): string {
  return join(packageRoot(), 'models', 'kb');
}

const cache = new Map<string, KnowledgeBase>();

/** Loads, validates and indexes the KB once per process and directory. Throws when it has errors. */
export async function loadKnowledgeBase(dir: string = defaultKbDir()): Promise<KnowledgeBase> {
  let kb = cache.get(dir);
  if (!kb) {
    kb = readKnowledgeBase(dir);
    const errors = kb.issues.filter((i) => i.level === 'error');
    if (errors.length) throw new Error(`knowledge base ${dir} has ${errors.length} error(s); run \`hanlink kb check\`:\n` + errors.slice(0, 10).map(formatIssue).join('\n'));
    cache.set(dir, kb);
  }
  return kb;
}

export function formatIssue(i: KbIssue): string {
  return `${i.level} ${i.file}${i.id ? ` ${i.id}` : ''}: ${i.message}`;
}

/** Reads and checks a KB directory without throwing: what `hanlink kb check` reports. */
export function readKnowledgeBase(dir: string): KnowledgeBase {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  const sources = files.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
  // YAML parsing and validation take a few hundred ms; their result is kept in the disk cache,
  // keyed by the sources' content. The loader's own code is part of the key, so a schema change
  // never reuses an old entry.
  const key = [readFileSync(fileURLToPath(import.meta.url), 'utf8'), ...sources.flatMap((s) => [s.file, s.text])].join('\0');
  const cache = cacheDir();
  const file = entryName('kb', key, '.json');
  let parsed: Parsed | null = null;
  try {
    parsed = JSON.parse(readFileSync(join(cache, file), 'utf8')) as Parsed;
    touchEntry(cache, file);
  } catch { /* no entry yet, or a damaged one: parsed again */ }
  if (!parsed) {
    parsed = parseSources(dir, sources);
    writeEntry(cache, 'kb', file, [Buffer.from(JSON.stringify(parsed), 'utf8')]);
  }
  const entities = new Map(parsed.entities.map((e) => [e.id, e]));
  const issues = [...parsed.issues];
  const byAlias = new Map<string, string[]>();
  const surfaces = new Map<string, string[]>();
  for (const e of entities.values()) {
    for (const form of surfaceForms(e)) {
      const key = aliasKey(form);
      if (!key) continue;
      push(byAlias, key, e.id);
      push(surfaces, form, e.id);
    }
  }
  checkCollisions(entities, byAlias, issues);
  return buildIndex(dir, entities, issues, byAlias, surfaces, parsed.checked);
}

interface Parsed { entities: KbEntity[]; issues: KbIssue[]; checked: string | null }

function parseSources(dir: string, sources: { file: string; text: string }[]): Parsed {
  const issues: KbIssue[] = [];
  const entities = new Map<string, KbEntity>();
  let checked: string | null = null;
  if (!sources.length) issues.push({ level: 'error', file: dir, message: 'no knowledge-base files found' });
  for (const { file, text } of sources) {
    if (file === META_FILE) { checked = parseMeta(text, issues); continue; }
    const spec = FILES[file];
    if (!spec) { issues.push({ level: 'warning', file, message: 'unknown file; expected one of ' + Object.keys(FILES).join(', ') }); continue; }
    let doc: unknown;
    try { doc = parseYaml(text); } catch (err) {
      issues.push({ level: 'error', file, message: 'YAML: ' + (err instanceof Error ? err.message : String(err)) });
      continue;
    }
    if (doc == null) continue;
    if (!Array.isArray(doc)) { issues.push({ level: 'error', file, message: 'expected a list of records' }); continue; }
    doc.forEach((raw, i) => {
      const parsed = spec.schema.safeParse(raw);
      const rawId = typeof raw === 'object' && raw && 'id' in raw ? String((raw as { id: unknown }).id) : `#${i + 1}`;
      if (!parsed.success) {
        for (const iss of parsed.error.issues) issues.push({ level: 'error', file, id: rawId, message: `${iss.path.join('.') || '(record)'}: ${iss.message}` });
        return;
      }
      const e = { ...(parsed.data as object), type: spec.type } as KbEntity;
      if (!e.id.startsWith(spec.type + ':')) issues.push({ level: 'error', file, id: e.id, message: `id must start with "${spec.type}:" in ${file}` });
      if (entities.has(e.id)) issues.push({ level: 'error', file, id: e.id, message: 'duplicate id' });
      else entities.set(e.id, e);
    });
  }
  if (sources.length && !sources.some((s) => s.file === META_FILE)) issues.push({ level: 'warning', file: META_FILE, message: 'missing: the KB records no date when its facts were last checked' });
  checkReferences(entities, issues);
  return { entities: [...entities.values()], issues, checked };
}

function parseMeta(text: string, issues: KbIssue[]): string | null {
  let doc: unknown;
  try { doc = parseYaml(text); } catch (err) {
    issues.push({ level: 'error', file: META_FILE, message: 'YAML: ' + (err instanceof Error ? err.message : String(err)) });
    return null;
  }
  const parsed = MetaSchema.safeParse(doc);
  if (parsed.success) return parsed.data.checked;
  for (const iss of parsed.error.issues) issues.push({ level: 'error', file: META_FILE, message: `${iss.path.join('.') || '(file)'}: ${iss.message}` });
  return null;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (!list) m.set(k, [v]);
  else if (!list.includes(v)) list.push(v);
}

function fileOf(e: KbEntity): string {
  return Object.entries(FILES).find(([, s]) => s.type === e.type)![0];
}

/** Dates ordered, references resolvable, offices pointing at country-specific titles. */
function checkReferences(entities: Map<string, KbEntity>, issues: KbIssue[]): void {
  const ref = (e: KbEntity, id: string | undefined, what: string, type: KbType) => {
    if (id === undefined) return;
    const target = entities.get(id);
    if (!target) issues.push({ level: 'error', file: fileOf(e), id: e.id, message: `${what} ${id} is not in the KB` });
    else if (target.type !== type) issues.push({ level: 'error', file: fileOf(e), id: e.id, message: `${what} ${id} is a ${target.type}, expected ${type}` });
  };
  for (const e of entities.values()) {
    if (e.type === 'person') {
      for (const o of e.offices) {
        ref(e, o.title, 'office title', 'title');
        const t = entities.get(o.title);
        if (t?.type === 'title' && t.generic) issues.push({ level: 'error', file: 'people.yaml', id: e.id, message: `office ${o.title} is a generic title; use a country-specific one` });
        if (o.from && o.to && dateStart(o.from) > dateEnd(o.to)) issues.push({ level: 'error', file: 'people.yaml', id: e.id, message: `office ${o.title}: from ${o.from} is after to ${o.to}` });
        if (!o.source) issues.push({ level: 'warning', file: 'people.yaml', id: e.id, message: `office ${o.title} (${o.from ?? '?'} – ${o.to === null ? 'incumbent' : o.to ?? '?'}) has no source` });
      }
    }
    if (e.type === 'org') {
      ref(e, e.parent, 'parent', 'org');
      if (e.from && e.to && dateStart(e.from) > dateEnd(e.to)) issues.push({ level: 'error', file: 'organizations.yaml', id: e.id, message: `from ${e.from} is after to ${e.to}` });
    }
    if (e.type === 'event') ref(e, e.org, 'org', 'org');
    if (e.type === 'title') {
      ref(e, e.org, 'org', 'org');
      if (!e.generic && !e.country && !e.org) issues.push({ level: 'error', file: 'titles.yaml', id: e.id, message: 'a specific title needs a country or an org (or mark it generic)' });
    }
  }
}

/** An alias naming two entities is an error unless each record explains it in ambiguous_ok. */
function checkCollisions(entities: Map<string, KbEntity>, byAlias: Map<string, string[]>, issues: KbIssue[]): void {
  for (const [key, ids] of byAlias) {
    if (ids.length < 2) continue;
    const unexplained = ids.filter((id) => !entities.get(id)!.ambiguous_ok.some((a) => aliasKey(a.alias) === key));
    if (unexplained.length) {
      issues.push({ level: 'error', file: fileOf(entities.get(unexplained[0])!), id: unexplained.join(', '),
        message: `alias "${key}" is shared by ${ids.join(', ')}; add it to ambiguous_ok with a note on ${unexplained.join(', ')}, or remove it` });
    }
  }
  for (const e of entities.values()) {
    for (const a of e.ambiguous_ok) {
      if ((byAlias.get(aliasKey(a.alias))?.length ?? 0) <= 1) issues.push({ level: 'warning', file: fileOf(e), id: e.id, message: `ambiguous_ok alias "${a.alias}" is not shared by any other record` });
    }
  }
}

/** First day covered by a date at any precision. */
export function dateStart(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

/** Last day covered by a date at any precision (month ends rounded to the 31st: only order matters). */
export function dateEnd(d: string): string {
  return d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d;
}

/** An organization existed under its record's name on `day` (YYYY-MM-DD); records without dates always did. */
export function existedOn(o: KbOrganization, day: string): boolean {
  return !(o.from !== undefined && day < dateStart(o.from)) && !(o.to !== undefined && day > dateEnd(o.to));
}

/** In office on `day` (YYYY-MM-DD): true, false, or null when the record's dates leave it open. */
export function inOffice(o: Office, day: string): boolean | null {
  if (o.from !== undefined && day < dateStart(o.from)) return false;
  if (o.to !== undefined && o.to !== null && day > dateEnd(o.to)) return false;
  if (o.from === undefined || o.to === undefined) return null;
  return true;
}

function buildIndex(dir: string, entities: Map<string, KbEntity>, issues: KbIssue[], byAlias: Map<string, string[]>, surfaces: Map<string, string[]>, checked: string | null): KnowledgeBase {
  const surnames = new Map<string, KbPerson[]>();
  const kinds = new Map<string, KbTitle[]>();
  for (const e of entities.values()) {
    if (e.type === 'person') { const s = surnameOf(e); if (s) push(surnames, s, e); }
    if (e.type === 'title') push(kinds, e.kind, e);
  }
  let terms: Term[] | null = null;
  const resolve = (ids: readonly string[]) => ids.map((id) => entities.get(id)!);
  return {
    dir,
    entities,
    issues,
    checked,
    get: (id) => entities.get(id),
    lookup: (alias) => resolve(byAlias.get(aliasKey(alias)) ?? []),
    aliases: () => surfaces,
    terms() {
      // Titles are left out: they are no entities (docs/gold.md), and kept whole as one token they
      // would hide the organization inside them from the NER (국방부 in 국방부장관).
      terms ??= [...surfaces].filter(([, ids]) => ids.some((id) => !id.startsWith('title:')))
        .map(([text, ids]) => ({ text, id: [...ids].sort().join('|'), kind: entities.get(ids[0])!.type }))
        .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.id < b.id ? -1 : 1));
      return terms;
    },
    find(query) {
      const q = aliasKey(query);
      if (!q) return [];
      const exact = byAlias.get(q) ?? [];
      const partial: string[] = [];
      for (const [key, ids] of byAlias) if (key !== q && key.includes(q)) for (const id of ids) partial.push(id);
      return resolve([...new Set([...exact, ...partial.sort()])]);
    },
    bySurname: (s) => surnames.get(s) ?? [],
    titlesOfKind: (k) => kinds.get(k) ?? [],
    holders(titleIds) {
      const out: KbPerson[] = [];
      for (const e of entities.values()) if (e.type === 'person' && e.offices.some((o) => titleIds.has(o.title))) out.push(e);
      return out;
    },
    holdersOn(titleIds, day) {
      const out: { person: KbPerson; office: Office; certain: boolean }[] = [];
      for (const person of this.holders(titleIds)) {
        for (const office of person.offices) {
          if (!titleIds.has(office.title)) continue;
          const held = inOffice(office, day);
          if (held !== false) out.push({ person, office, certain: held === true });
        }
      }
      return out;
    },
  };
}
