// Typed arrays that worker threads share instead of each holding a copy: a view over a
// SharedArrayBuffer travels in workerData as the same memory (structured clone keeps the buffer),
// and it counts once in the process's RSS and never against a worker's heap limit.

type TypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
type TypedArrayKind<T extends TypedArray> = new (buffer: SharedArrayBuffer) => T;

/** A copy of `bytes` in shared memory, seen as `Kind` (its length must be a multiple of Kind's element size). */
export function sharedCopy<T extends TypedArray>(Kind: TypedArrayKind<T>, bytes: Uint8Array): T {
  const buffer = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return new Kind(buffer);
}

/** The same values, in shared memory. */
export function inSharedMemory<T extends TypedArray>(arr: T): T {
  return sharedCopy(arr.constructor as TypedArrayKind<T>, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
}
