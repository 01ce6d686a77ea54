// Builds input items the way readInputs does, for tests that start from bytes or records.
import type { InputItem } from '../../pipeline/ingest/index.js';

export function fileItem(text: string | Uint8Array, kind: InputItem['kind'] = 'txt', id = 'doc'): InputItem {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return { id, source: `in/${id}.${kind}`, kind, bytes };
}

export function recordItem(record: Record<string, unknown>, id = String(record.id ?? 'rec')): InputItem {
  return { id, source: 'in/records.jsonl', kind: 'jsonl', record, line: 1 };
}
