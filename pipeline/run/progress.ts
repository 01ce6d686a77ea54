// What a person sees on stderr: a progress bar while a batch runs (only on a terminal), and a
// summary at the end.
import cliProgress from 'cli-progress';
import type { Progress, RunSummary } from './runner.js';

export interface ProgressReporter {
  /** The models start loading (the first article that needs computing); a line says so, on any stream. */
  loading(workers: number): void;
  /** The models are loaded; the rate and ETA count from here. */
  loaded(ms: number): void;
  update(p: Progress): void;
  stop(): void;
}

/** A bar with articles/s and ETA on a TTY (silent otherwise: logs and pipes stay clean), and the loading lines. */
export function progressReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const lines = {
    loading(workers: number) {
      stream.write(`hanlink: loading models (${workers > 0 ? `${workers} worker thread${workers > 1 ? 's' : ''}` : 'in-process'})...\n`);
    },
    loaded(ms: number) {
      stream.write(`hanlink: models loaded in ${(ms / 1000).toFixed(1)} s\n`);
    },
  };
  if (!stream.isTTY) return { ...lines, update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'hanlink {bar} {value}/{total} articles | {rate} articles/s | ETA {etaText} | {failed} failed',
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  // The rate counts from the first update or the end of loading, whichever is later, so that
  // loading the resources does not drag it down.
  let start = 0;
  let started = false;
  let base = 0;
  return {
    loading(workers) {
      if (started) bar.stop(); // reused articles were shown; the bar resumes once loaded
      started = false;
      lines.loading(workers);
    },
    loaded: lines.loaded,
    update(p) {
      if (!started) {
        start = performance.now();
        base = p.written;
      }
      const rate = (p.written - base) / Math.max((performance.now() - start) / 1000, 1e-3);
      // The total is counted before the run unless the input is streamed (stdin): then the ETA waits for the end of the input.
      const total = p.total ?? p.read;
      const etaText = p.total === null || rate <= 0 ? '?' : formatDuration((p.total - p.written) / rate);
      const payload = { rate: rate.toFixed(1), etaText, failed: p.failed };
      if (!started) {
        bar.start(Math.max(total, 1), p.written, payload);
        started = true;
      }
      bar.setTotal(Math.max(total, p.read, 1));
      bar.update(p.written, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function formatDuration(secs: number): string {
  const s = Math.ceil(secs);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Where a run wrote: its output target and its id in the store. */
export interface RunPlace {
  out: string;
  runId: number;
}

/** How many ids the summary names before "and N more". */
const NAMED = 10;

export function formatSummary(s: RunSummary, where?: RunPlace): string {
  const secs = s.elapsedMs / 1000;
  const entities = Object.entries(s.entities)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  const lines = [
    `hanlink: ${s.articles} articles (${s.processed} computed, ${s.reused} reused), ${s.failed} failed${s.interrupted ? ', INTERRUPTED' : ''}`,
    `  entities: ${entities || 'none'}; links ${s.links}; dates ${s.dates}`,
    `  ${secs.toFixed(2)} s (startup ${(s.startupMs / 1000).toFixed(2)} s), ${(s.articles / secs).toFixed(1)} articles/s, ${Math.round(s.chars / secs)} chars/s` +
      `, ${s.workers > 0 ? `${s.workers} worker${s.workers > 1 ? 's' : ''}` : 'in-process'}${s.workerRestarts ? `, ${s.workerRestarts} worker restarts` : ''}`,
  ];
  if (s.failed > 0) lines.push(`  failed: ${named(s.failedIds, s.failed)}`);
  if (s.duplicateIds.length > 0) lines.push(`  warning: ids given to more than one article: ${named(s.duplicateIds, s.duplicateIds.length)}`);
  if (where) {
    const output =
      where.out === '-'
        ? 'standard output'
        : s.interrupted
          ? `not written (interrupted): ${where.out} is left as it was; run again to resume`
          : where.out;
    lines.push(`  output: ${output}; run ${where.runId} in the store`);
  }
  return lines.join('\n') + '\n';
}

function named(ids: readonly string[], count: number): string {
  const shown = ids.slice(0, NAMED).map((id) => JSON.stringify(id)).join(', ');
  return count > NAMED ? `${shown} and ${count - NAMED} more` : shown;
}
