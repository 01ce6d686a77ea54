// Where the hanlink package lives, found from this module's own location so that it is the same
// whether the code runs from pipeline/ (tsx) or from dist/pipeline/ (compiled), whatever the cwd;
// and where the shared corpora lie beside it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding hanlink's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'hanlink') return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('hanlink: cannot find the package root (no package.json named "hanlink" above the code)');
    dir = parent;
  }
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version as string;
}

/**
 * The corpora that tests, benches and training read. Their licences keep them out of the repo: they
 * lie in ../shared/corpora beside the checkout (CI clones main with ../shared next to it), and
 * whoever reads them must skip, saying so, when they are absent.
 */
export const corpora = {
  /** KLUE-NER sentences with character-level BIO tags (pipeline/ner/klue-format.ts). */
  klueNer: () => corpusFile('klue-ner', 'klue-ner-v1.1_train-part.tsv'),
  /** Unlabeled KLUE sentences, one per line. */
  klueRaw: () => corpusFile('klue-raw', 'sentences.txt'),
};

function corpusFile(...parts: string[]): string {
  return join(packageRoot(), '..', 'shared', 'corpora', ...parts);
}
