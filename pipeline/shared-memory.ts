// Typed arrays that worker threads share instead of each holding a copy: a view over a
// SharedArrayBuffer travels in workerData as the same memory (structured clone keeps the buffer),
// and it counts once in the process's RSS and never against a worker's heap limit.

type TypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** The same values, in shared memory. */
export function inSharedMemory<T extends TypedArray>(arr: T): T {
  const buffer = new SharedArrayBuffer(arr.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
  return new (arr.constructor as new (buffer: SharedArrayBuffer) => T)(buffer);
}
