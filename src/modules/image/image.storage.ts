import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where image files live: put, get and delete by name. The one seam between the images and their
 * bytes: a filesystem under DATA_DIR today (`FileStorage`), an object store (S3 and the like) can
 * implement the same three calls. Names are checked here too (`FILE_NAME`), whatever the caller
 * checked before: a name is never a path.
 */
export interface ImageStorage {
  /** Stores `data` under `name`, replacing nothing a reader could see half-written. */
  put(name: string, data: Buffer): Promise<void>;
  /** The bytes stored under `name`; null when there are none. */
  get(name: string): Promise<Buffer | null>;
  /** Removes `name`; removing what is not there is no error. */
  delete(name: string): Promise<void>;
}

/**
 * A stored file's name: `<key>.<jpg|png|webp>` (an original) or `<key>.card.webp` (its card variant),
 * the key lower-case letters, digits and dashes. Nothing else: no dots, slashes or `..`.
 */
export const FILE_NAME = /^(?<key>[a-z0-9][a-z0-9-]{0,99})(?<card>\.card)?\.(?<ext>jpg|png|webp)$/;

/** Refuses a name that is not a file name of the storage (a programming error: callers check first). */
export function checkFileName(name: string): string {
  if (!FILE_NAME.test(name)) throw new Error(`not an image file name: ${JSON.stringify(name).slice(0, 80)}`);
  return name;
}

/**
 * Files in a directory (DATA_DIR/images), spread over subdirectories by the name's first two
 * characters. A file is written to a temporary name, flushed to disk and renamed, so a reader sees
 * the whole file or none; a failed write leaves nothing behind.
 */
export class FileStorage implements ImageStorage {
  constructor(readonly dir: string) {}

  private pathOf(name: string) {
    return join(this.dir, checkFileName(name).slice(0, 2), name);
  }

  async put(name: string, data: Buffer): Promise<void> {
    const path = this.pathOf(name);
    const folder = join(path, '..');
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      const file = await open(temp, 'wx', 0o644);
      try {
        await file.writeFile(data);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(name: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }
}
