import { resolve } from 'node:path';
import { FileStorage, type ImageStorage } from './image.storage.js';

/** What the images of this process use: their storage, the API's public address and the upload limits. */
export interface ImageSettings {
  storage: ImageStorage;
  /**
   * The API's public address (`PUBLIC_URL`, e.g. `https://api.example.org`), which image URLs start
   * with; without one, the address the HTTP server listens on (`http://localhost:<port>`).
   */
  publicUrl: string;
  /** Largest upload, in bytes (IMAGE_MAX_BYTES). */
  maxBytes: number;
  /** Most pixels (width × height) an uploaded image may have (IMAGE_MAX_PIXELS): no decompression bombs. */
  maxPixels: number;
}

export const DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_IMAGE_MAX_PIXELS = 50_000_000;

/** The storage of a data directory: `<dataDir>/images`. */
export const storageIn = (dataDir: string): ImageStorage => new FileStorage(resolve(dataDir, 'images'));

let current: ImageSettings | undefined;

/**
 * The settings of this process: those the HTTP server was given (`configureImages`, at its
 * creation), else the defaults (a schema run without a server: the tests, scripts): the storage in
 * `./.data`, `http://localhost:4000`. Process-wide like the read registry: one API per process.
 */
export function imageSettings(): ImageSettings {
  current ??= {
    storage: storageIn('.data'),
    publicUrl: 'http://localhost:4000',
    maxBytes: DEFAULT_IMAGE_MAX_BYTES,
    maxPixels: DEFAULT_IMAGE_MAX_PIXELS,
  };
  return current;
}

/** Makes `settings` the ones image reads, writes and answers use from now on. */
export function configureImages(settings: ImageSettings): void {
  current = { ...settings, publicUrl: settings.publicUrl.replace(/\/+$/, '') };
}

/**
 * The absolute URL of a stored file (`FILE_NAME`), on `publicUrl` (the serving API's address, from
 * the request's context) or else this process's.
 */
export const fileUrl = (name: string, publicUrl?: string) =>
  `${(publicUrl ?? imageSettings().publicUrl).replace(/\/+$/, '')}/images/${name}`;
