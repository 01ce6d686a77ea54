// `node --import tsx pipeline/ner/train/convert-v1.ts OLD.txt.gz NEW.bin.gz`: converts a model of
// the first format (gzip'd text: a JSON header line, then "feature\tlabel:weight,..." per feature)
// into the current binary one, exactly: each name becomes its hash (feature-hash.ts), each weight
// the same float32. Refuses when two names of the model share a hash.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { L } from '../decode.js';
import { hashName } from '../feature-hash.js';
import { MODEL_FORMAT, NerModel, type ModelHeader } from '../model.js';

export function convertV1(path: string): NerModel {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((line, k) => k === 0 || line !== '');
  const header = JSON.parse(lines[0]) as Omit<ModelHeader, 'format'> & { format: string };
  if (header.format !== 'hanlink-ner-1') throw new Error(`${path}: format ${header.format}, expected hanlink-ner-1`);
  const rows = lines.length - 1;
  const a = new Int32Array(rows), b = new Int32Array(rows), weights = new Float32Array(rows * L);
  for (let r = 0; r < rows; r++) {
    const line = lines[r + 1];
    const tab = line.lastIndexOf('\t');
    const h = hashName(line.slice(0, tab));
    a[r] = h.a;
    b[r] = h.b;
    for (const pair of line.slice(tab + 1).split(',')) {
      const colon = pair.indexOf(':');
      weights[r * L + Number(pair.slice(0, colon))] = Number(pair.slice(colon + 1));
    }
  }
  return NerModel.fromRows({ ...header, format: MODEL_FORMAT }, { a, b }, weights, path);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [from, to] = process.argv.slice(2);
  const model = convertV1(from);
  model.save(to);
  console.log(`${to}: ${model.featureCount} features`);
}
