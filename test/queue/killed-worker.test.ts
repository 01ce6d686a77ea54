// The installed commands on a real Redis: a `hanlink worker` killed (SIGKILL) in the middle of an
// article loses nothing: its job goes back to the queue when the lock expires, another worker
// finishes it, and `hanlink collect` writes the bytes `hanlink process` writes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../pipeline/queue/batch.js';
import { articleText } from '../run/articles.js';
import { hasRedis, startRedis, type RedisServer } from './redis.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = existsSync(join(root, 'dist/pipeline/cli/main.js'));
if (!built) console.warn('skipping the killed-worker check: dist/ is not built (run `npm run build`)');
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-killed-'));
const bin = join(root, 'bin/hanlink.js');
let redis: RedisServer;
const children: ChildProcess[] = [];

const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8', timeout: 300_000 });

function worker(name: string): ChildProcess {
  const child = spawn(process.execPath, [bin, 'worker', '--redis', redis.url, '--queue', 'killed', '--concurrency', '1', '--lock', '2000'], { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d.toString()}`));
  children.push(child);
  return child;
}

beforeAll(async () => {
  if (hasRedis && built) redis = await startRedis();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!hasRedis || !built)('a worker killed mid-article (bin/hanlink.js, compiled)', () => {
  it('loses no article and writes none twice: collect equals process', { timeout: 600_000 }, async () => {
    const input = join(tmp, 'articles.jsonl');
    // Long articles, so that the worker is surely inside one when it is killed.
    writeFileSync(input, Array.from({ length: 8 }, (_, n) => JSON.stringify({ id: `k${n}`, text: articleText(0).replace('(1)', `(${n})`), published: '2024-05-01' })).join('\n') + '\n');
    expect(run('enqueue', input, join(root, 'seeds'), '--redis', redis.url, '--queue', 'killed').status).toBe(0);

    const connection = connect(redis.url);
    const queue = new Queue('killed', { connection });
    const a = worker('A');
    let active: string[] = [];
    while (active.length === 0) {
      await sleep(25);
      active = (await queue.getActive()).map((j) => j.id!);
    }
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    // The article it was computing is left active, under a lock nobody renews.
    const orphans = (await queue.getActive()).map((j) => j.id!);
    expect(orphans).toHaveLength(1);

    const b = worker('B');
    const out = join(tmp, 'collected.jsonl');
    const collected = run('collect', '--redis', redis.url, '--queue', 'killed', '--out', out);
    expect(collected.stderr).toContain('13 articles');
    expect(collected.status).toBe(0);
    b.kill('SIGTERM');
    await new Promise((r) => b.once('exit', r));

    const orphan = await queue.getJob(orphans[0]);
    expect(await orphan!.getState()).toBe('completed');
    await queue.close();
    connection.disconnect();

    const processed = join(tmp, 'processed.jsonl');
    expect(run('process', input, join(root, 'seeds'), '--out', processed, '--db', join(tmp, 'db.sqlite'), '--workers', '1').status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(processed, 'utf8'));
  });
});
