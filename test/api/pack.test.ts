// `npm pack` gives a package that runs in another project: the compiled code, its types, the models
// and the seeds are in the tarball, and `import { createPipeline } from 'hanlink'` works there.
//
// Installing it with npm needs the registry's package metadata, which a machine without network
// lacks (`npm install --offline` fails with ENOTCACHED for the dependencies even when their tarballs
// are cached). So the tarball is unpacked into the other project's node_modules/hanlink, as npm
// would, and only hanlink's declared dependencies are linked beside it from this checkout's
// node_modules: an import of anything undeclared fails, as it would after a real install.
// @huggingface/transformers (optional) is left out, so the ONNX path must say what is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = existsSync(join(root, 'dist/pipeline/api.js'));
if (!built) console.warn('skipping the package check: dist/ is not built (run `npm run build`)');
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CONSUMER = `
import { createPipeline } from 'hanlink';
const nlp = await createPipeline();
const one = await nlp.process('국방부는 21일 서울에서 한미 국방장관 회담을 열었다.', { published: '2024-03-20', id: 'x' });
const streamed = [];
for await (const line of nlp.pipe([{ text: '외교부 대변인은 오는 3월 도쿄에서 회담이 열린다고 말했다.', published: '2024-01-05' }])) streamed.push(line);
await nlp.close();
let onnx = null;
await createPipeline({ nerModelDir: process.argv[2] }).catch((err) => (onnx = err.message));
console.log(JSON.stringify({ one, streamed, onnx }));
`;

const TYPED = `
import { createPipeline, type OutputLine } from 'hanlink';
const nlp = await createPipeline();
const line: OutputLine = await nlp.process('국방부', { published: '2024-03-20' });
const id: string | undefined = line.entities[0]?.link?.id;
console.log(id);
`;

describe.skipIf(!built)('the npm package', { timeout: 600_000 }, () => {
  it('packs dist/, models/ and seeds/, and runs createPipeline in another project', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const files = packed[0].files.map((f) => f.path);
    for (const f of ['dist/pipeline/api.js', 'dist/pipeline/api.d.ts', 'dist/pipeline/cli/main.js', 'dist/pipeline/run/article-worker.js', 'bin/hanlink.js', 'models/ner/model.bin.gz', 'models/kb/people.yaml', 'seeds/000_b034ab33dfae76ad.txt']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('test/') || /^pipeline\/.*\.ts$/.test(f))).toEqual([]);

    const project = join(tmp, 'consumer');
    const modules = join(project, 'node_modules');
    mkdirSync(join(modules, 'hanlink'), { recursive: true });
    execFileSync('tar', ['xzf', join(tmp, packed[0].filename), '-C', join(modules, 'hanlink'), '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(modules, 'hanlink', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies)) {
      mkdirSync(join(modules, dep, '..'), { recursive: true });
      symlinkSync(join(root, 'node_modules', dep), join(modules, dep));
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(project, 'index.mjs'), CONSUMER);
    const onnxDir = join(tmp, 'onnx-model');
    mkdirSync(join(onnxDir, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) writeFileSync(join(onnxDir, f), '{}');

    const r = spawnSync(process.execPath, ['index.mjs', onnxDir], { cwd: project, encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { one: { id: string; source: string; entities: { text: string; link: { id: string } | null }[] }; streamed: { id: string; dates: { value: string }[] }[]; onnx: string };
    expect(out.one.id).toBe('x');
    expect(out.one.entities.find((e) => e.text === '국방부')?.link?.id).toBe('org:kr-mnd');
    expect(out.streamed.map((l) => l.id)).toEqual(['1']);
    expect(out.streamed[0].dates.map((d) => d.value)).toContain('2024-03');
    expect(out.onnx).toMatch(/needs the optional package @huggingface\/transformers/);

    // The declared types serve a TypeScript consumer (NodeNext resolution through `exports`).
    writeFileSync(join(project, 'typed.mts'), TYPED);
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types'), 'typed.mts'], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
  });
});
