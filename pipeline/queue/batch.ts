// A distributed batch on BullMQ: what travels through Redis. One queue holds one batch; job `seq`
// is the article at input position seq, so the job id is the article's index (enqueueing the same
// input again adds nothing, and its result can only be written once). The job carries the whole
// input item (bytes base64-encoded), since workers may run on machines that cannot read the input.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { InputItem } from '../ingest/index.js';
import type { Versions } from '../store/versions.js';

export const DEFAULT_QUEUE = 'hanlink';

export interface ArticleJob {
  seq: number;
  /** contentHash of the item: a second enqueue of a different article at the same index is refused. */
  hash: string;
  /** The code and model versions of the enqueueing side; a worker on other versions refuses the job. */
  versions: Versions;
  item: Omit<InputItem, 'bytes'> & { bytes?: string };
}

/** What a finished job returns: the output line, serialized, without the newline. */
export interface ArticleResult {
  line: string;
}

/** The batch's description, written by enqueue once every job is in the queue. */
export interface BatchMeta {
  total: number;
  versions: Versions;
}

export const jobId = (seq: number) => `article-${seq}`;

export function toJob(seq: number, hash: string, versions: Versions, item: InputItem): ArticleJob {
  const { bytes, ...rest } = item;
  return { seq, hash, versions, item: bytes ? { ...rest, bytes: Buffer.from(bytes).toString('base64') } : rest };
}

export function fromJob(job: ArticleJob): InputItem {
  const { bytes, ...rest } = job.item;
  return bytes === undefined ? rest : { ...rest, bytes: new Uint8Array(Buffer.from(bytes, 'base64')) };
}

/** A Redis connection as BullMQ needs it (blocking commands must not give up: maxRetriesPerRequest null). */
export function connect(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** The key of the batch description, beside the queue's own keys. */
export const metaKey = (queue: Queue) => `${queue.qualifiedName}:hanlink-batch`;

export async function readMeta(redis: Redis, queue: Queue): Promise<BatchMeta | null> {
  const raw = await redis.get(metaKey(queue));
  return raw === null ? null : (JSON.parse(raw) as BatchMeta);
}

export async function writeMeta(redis: Redis, queue: Queue, meta: BatchMeta): Promise<void> {
  await redis.set(metaKey(queue), JSON.stringify(meta));
}

/** Fails fast, saying so, when Redis cannot be reached (BullMQ's connections would retry forever). */
export async function checkReachable(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 3000, maxRetriesPerRequest: 0 });
  probe.on('error', () => {}); // reported below
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new Error(`cannot reach Redis at ${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    probe.disconnect();
  }
}
