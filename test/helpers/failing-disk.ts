import { open } from 'node:fs/promises';
import { durableFs } from '../../src/adapters/files/durable-file.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: injected by the test`), { code });

/**
 * Makes durable writes fail the way a full disk does: half the bytes reach the file, then ENOSPC (or the given
 * code). A real full disk cannot be made on demand, and tests run as root, for whom chmod blocks nothing.
 * `atOpen` fails opening instead (a read-only mount: EROFS); `only` limits the failure to some files. Returns the function that frees the disk again.
 */
export function failDurableWrites(code = 'ENOSPC', options: { atOpen?: boolean; only?: (file: string) => boolean } = {}): () => void {
  const real = durableFs.open;
  durableFs.open = (async (file: string, flags: string) => {
    if (options.only && !options.only(file)) return open(file, flags);
    if (options.atOpen) throw errno(code);
    const handle = await open(file, flags);
    const half = async (data: string | Uint8Array) => {
      const bytes = Buffer.from(data);
      await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      throw errno(code);
    };
    handle.writeFile = half as typeof handle.writeFile;
    handle.appendFile = half as typeof handle.appendFile;
    return handle;
  }) as typeof durableFs.open;
  return () => {
    durableFs.open = real;
  };
}
