// Reading a test's store back.
import { Store, type RunInfo } from '../../pipeline/store/index.js';

/** The latest run in the store at `db`. */
export function lastRun(db: string): RunInfo {
  const store = Store.open(db);
  try {
    let id = 1;
    while (store.run(id + 1)) id++;
    return store.run(id)!;
  } finally {
    store.close();
  }
}
