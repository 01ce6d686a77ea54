// What a person sees on stderr: a progress bar while a batch runs (only on a terminal), and a
// summary at the end.
import cliProgress from 'cli-progress';
import type { Progress, RunSummary } from './runner.js';

export interface ProgressReporter {
  update(p: Progress): void;
  stop(): void;
}

/** A bar with articles/s and ETA on a TTY; silent otherwise (logs and pipes stay clean). */
export function progressReporter(stream: NodeJS.WriteStream): ProgressReporter {
  if (!stream.isTTY) return { update() {}, stop() {} };
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
  // The rate counts from the first update, so that loading the resources does not drag it down.
  let start = 0;
  let started = false;
  return {
    update(p) {
      if (!started) start = performance.now();
      const rate = p.written / Math.max((performance.now() - start) / 1000, 1e-3);
      // Input is streamed: the total is known, and an ETA meaningful, only once it is all read.
      const etaText = !p.inputDone ? '?' : rate > 0 ? `${Math.ceil((p.read - p.written) / rate)}s` : '?';
      const payload = { rate: rate.toFixed(1), etaText, failed: p.failed };
      if (!started) {
        bar.start(Math.max(p.read, 1), p.written, payload);
        started = true;
      }
      bar.setTotal(Math.max(p.read, 1));
      bar.update(p.written, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function formatSummary(s: RunSummary): string {
  const secs = s.elapsedMs / 1000;
  const entities = Object.entries(s.entities)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  const lines = [
    `hanlink: ${s.articles} articles (${s.processed} computed, ${s.reused} reused), ${s.failed} failed${s.interrupted ? ', INTERRUPTED' : ''}`,
    `  entities: ${entities || 'none'}; links ${s.links}; dates ${s.dates}`,
    `  ${secs.toFixed(2)} s (startup ${(s.startupMs / 1000).toFixed(2)} s), ${(s.articles / secs).toFixed(1)} articles/s, ${Math.round(s.chars / secs)} chars/s` +
      `, ${s.workers > 1 ? `${s.workers} workers` : 'in-process'}${s.workerRestarts ? `, ${s.workerRestarts} worker restarts` : ''}`,
  ];
  return lines.join('\n') + '\n';
}
