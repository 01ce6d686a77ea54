// CSV (RFC 4180) and TSV: one row per entity, with its link and, for DT/TI, the normalized date of
// the same span. CSV quotes a field holding a comma, a quote or a line break (quotes doubled); TSV
// cannot quote, so a tab, line break or backslash in a field is written \t, \n, \r or \\ (the
// convention of PostgreSQL's and ClickHouse's TSV).
import type { OutputLine } from '../types.js';
import type { ExportFormat } from './format.js';

export const COLUMNS = [
  'article_id', 'source', 'published', 'start', 'end', 'text', 'type', 'subtype', 'confidence',
  'link_id', 'link_name', 'link_name_en', 'link_confidence', 'date_kind', 'date_value', 'date_confidence',
] as const;

type Cell = string | number | null;

export function entityRows(line: OutputLine): Cell[][] {
  const dates = new Map(line.dates.map((d) => [`${d.start}:${d.end}`, d]));
  return line.entities.map((e) => {
    const d = e.type === 'DT' || e.type === 'TI' ? dates.get(`${e.start}:${e.end}`) : undefined;
    return [
      line.id, line.source, line.published, e.start, e.end, e.text, e.type, e.subtype, e.confidence,
      e.link?.id ?? null, e.link?.name ?? null, e.link?.name_en ?? null, e.link?.confidence ?? null,
      d?.kind ?? null, d?.value ?? null, d?.confidence ?? null,
    ];
  });
}

export function csvField(cell: Cell): string {
  const s = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const TSV_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };

export function tsvField(cell: Cell): string {
  return cell === null ? '' : String(cell).replace(/[\t\n\r\\]/g, (c) => TSV_ESCAPES[c]);
}

function delimited(name: string, extensions: string[], sep: string, field: (c: Cell) => string): ExportFormat {
  const row = (cells: readonly Cell[]) => cells.map(field).join(sep) + '\r\n';
  return {
    name,
    extensions,
    head: row(COLUMNS),
    article: (line) => entityRows(line).map(row).join(''),
    tail: '',
  };
}

export const csv = delimited('csv', ['.csv'], ',', csvField);
export const tsv = delimited('tsv', ['.tsv', '.tab'], '\t', tsvField);
