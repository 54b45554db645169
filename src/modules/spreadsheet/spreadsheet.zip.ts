import { inflateRawSync } from 'node:zlib';
import type { ImportLimits } from '../../config.js';

/** A spreadsheet past a limit of ImportLimits; the message names the limit and its variable. */
export class SheetTooLarge extends Error {}

/** Refused because the file is not a zip archive we can read (exceljs would fail on it too). */
export class NotAZip extends Error {}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

const MiB = 1024 * 1024;
const mb = (bytes: number) => `${Math.ceil(bytes / MiB)} MB`;

/** The entries of the zip's central directory (sizes as the archive declares them). */
function centralDirectory(zip: Buffer): Entry[] {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new NotAZip('no zip directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new NotAZip('bad zip directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = {
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      uncompressed: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    // ZIP64 (sizes past 4 GiB) marks its sizes 0xFFFFFFFF: no spreadsheet of 5 MiB needs it.
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff)
      throw new SheetTooLarge('The workbook is a ZIP64 archive, which is never needed below 5 MiB');
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The bytes of one entry, inflated to at most its declared size (a lying directory is caught). */
function inflate(zip: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw new NotAZip('bad zip entry');
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressed);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new NotAZip(`zip method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressed, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new SheetTooLarge(
        `${entry.name} unzips to more than the ${entry.uncompressed} bytes it declares`,
      );
    throw new NotAZip('bad zip data');
  }
}

/** Rows (`<row …>` elements) of a worksheet's XML. */
function countRows(xml: Buffer): number {
  let rows = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) {
    const next = xml[i + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f) rows++; // '<row ', '<row>', '<row/>'
  }
  return rows;
}

/**
 * Checks an XLSX workbook (a zip archive) against `limits` before exceljs reads it, so a zip bomb
 * costs milliseconds and no memory: the sizes its directory declares (all parts together, and the
 * compression ratio of each part over 1 MiB), then each part inflated to at most its declared size,
 * and the rows of each worksheet. Throws SheetTooLarge naming the limit, NotAZip for a broken file.
 */
export function checkWorkbook(zip: Buffer, limits: ImportLimits): void {
  const entries = centralDirectory(zip);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressed;
    if (total > limits.maxUnzippedBytes)
      throw new SheetTooLarge(
        `The workbook unzips to more than ${mb(limits.maxUnzippedBytes)}, the limit (IMPORT_MAX_UNZIPPED_MB)`,
      );
    if (entry.uncompressed > MiB && entry.uncompressed > limits.maxZipRatio * Math.max(entry.compressed, 1))
      throw new SheetTooLarge(
        `${entry.name} is compressed ${Math.round(entry.uncompressed / Math.max(entry.compressed, 1))} to 1; the limit is ${limits.maxZipRatio} to 1 (IMPORT_MAX_ZIP_RATIO)`,
      );
  }
  for (const entry of entries) {
    const data = inflate(zip, entry);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      const rows = countRows(data) - 1; // the header row
      if (rows > limits.maxRows)
        throw new SheetTooLarge(
          `The sheet has ${rows} data rows; the limit is ${limits.maxRows} (IMPORT_MAX_ROWS)`,
        );
    }
  }
}
