// The code and model versions a run computes with. A stored result is reused only when both match,
// so any edit to the pipeline or the models recomputes everything.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot, packageVersion } from '../run/package.js';
import { hashTree } from './hashing.js';

export interface Versions {
  /** Package version + hash of the pipeline code that is running (the .ts sources under tsx, the compiled .js from dist). */
  code: string;
  /** Hash of models/ and of the `--ner-model` folder, if any. */
  model: string;
}

// Hashing reads every file: once per process and model folder is enough (a run never outlives an edit).
let codeVersion: string | undefined;
const modelVersions = new Map<string, string>();

export function versions(nerModelDir?: string): Versions {
  codeVersion ??= `${packageVersion()}+${hashTree(pipelineDir(), isPipelineCode).slice(0, 16)}`;
  const key = nerModelDir ? resolve(nerModelDir) : '';
  let model = modelVersions.get(key);
  if (model === undefined) {
    model = hashTree(join(packageRoot(), 'models')).slice(0, 16);
    if (key) model += `+${hashTree(key).slice(0, 16)}`;
    modelVersions.set(key, model);
  }
  return { code: codeVersion, model };
}

/** The pipeline/ folder this module belongs to (pipeline/ or dist/pipeline/). */
function pipelineDir(): string {
  return dirname(dirname(fileURLToPath(import.meta.url)));
}

function isPipelineCode(path: string): boolean {
  return /\.(ts|js|mjs|cjs|json)$/.test(path) && !/\.test\.(ts|js)$/.test(path) && !path.endsWith('.d.ts');
}
