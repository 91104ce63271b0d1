/**
 * A Blob over bytes already in memory whose `arrayBuffer()` is at most one copy. Node 20's own Blob answers
 * `arrayBuffer()` by streaming its contents in small chunks and joining them: for PGlite's 6 MB file-system
 * bundle and a 45 MB data-directory tar that took ~0.4 s of every embedded database opened (a third of
 * a test database's start).
 *
 * `owned: true` (the default) answers a fresh copy at each call: PGlite keeps views of the file-system
 * bundle as the files' contents (Emscripten's `createDataFile` with `canOwn`), so the bundle shared by every
 * database of a process must not be handed out itself. A data-directory tar is only read: PGlite writes
 * each file of it into its own file system (Emscripten's `writeFile` copies), so `owned: false` answers the
 * bytes themselves, sparing a 45 MB allocation and copy (and the collection it set off: ~80 ms of each test
 * database's start, measured) when whole, a copy otherwise.
 */
export class BytesBlob extends Blob {
  readonly #bytes: Uint8Array;
  readonly #owned: boolean;

  constructor(bytes: Uint8Array, type = '', options: { owned?: boolean } = {}) {
    super([], { type });
    this.#bytes = bytes;
    this.#owned = options.owned ?? true;
    // Blob's size is a getter of the (empty) parent; this one tells the real length.
    Object.defineProperty(this, 'size', { value: bytes.byteLength });
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#bytes;
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    if (!this.#owned && whole && bytes.buffer instanceof ArrayBuffer) return Promise.resolve(bytes.buffer);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return Promise.resolve(copy.buffer);
  }
}
