// Files read by byte ranges, whatever holds them: bytes in memory, a browser Blob or File, a Node file descriptor
// or FileHandle (the Node ones by structural types, so src/io stays free of node:fs). The FlatGeobuf store reader
// walks a file through one of these without holding all of it.

/**
 * A file read by byte ranges. `read(offset, length)` gives the bytes [offset, offset + length) of the file, at
 * once or as a promise (the reader asks only within `size`; fewer bytes mean the file shrank, and are refused).
 * The reader holds at most two arrays of a source at a time — the one it walks and, from a source that answers with
 * promises, the next one being read — and none after its next-but-one call, so a synchronous source may reuse one
 * buffer and an asynchronous one may alternate between two.
 */
export interface RangeSource {
  size: number;
  read(offset: number, length: number): Uint8Array | Promise<Uint8Array>;
}

/** Bytes in memory as a RangeSource (views, no copies). */
export function bytesSource(bytes: Uint8Array): RangeSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

/** A Blob or File (browser, worker) as a RangeSource: each range is one `slice().arrayBuffer()`. */
export function blobSource(blob: Blob): RangeSource {
  return { size: blob.size, read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()) };
}

/** Reads up to `length` bytes at `position` into `buffer` and returns how many it read (0 at the end). */
type ReadInto = (buffer: Uint8Array, length: number, position: number) => number;

/**
 * A file read synchronously by positioned reads into one reused buffer (grown for larger ranges): in Node,
 * `positionedReadSource(fstatSync(fd).size, (buffer, length, position) => readSync(fd, buffer, 0, length, position))`.
 * The quickest source in Node: no thread-pool round trip per window.
 */
export function positionedReadSource(size: number, readInto: ReadInto): RangeSource {
  let buffer = new Uint8Array(0);
  return {
    size,
    read(offset, length) {
      if (buffer.length < length) buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const n = readInto(done ? buffer.subarray(done) : buffer, length - done, offset + done);
        if (n <= 0) break;
        done += n;
      }
      return buffer.subarray(0, done);
    },
  };
}

/** What the reader needs of a Node `fs/promises` FileHandle (structural, so this module stays free of node:fs). */
export interface RandomAccessFile {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  stat(): Promise<{ size: number }>;
}

/** An open Node FileHandle as a RangeSource: positioned reads, alternating between two reused buffers. */
export async function fileHandleSource(handle: RandomAccessFile): Promise<RangeSource> {
  const { size } = await handle.stat();
  const buffers = [new Uint8Array(0), new Uint8Array(0)];
  let calls = 0;
  return {
    size,
    async read(offset, length) {
      const slot = calls++ & 1;
      if (buffers[slot]!.length < length) buffers[slot] = new Uint8Array(length);
      const buffer = buffers[slot]!;
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
  };
}
