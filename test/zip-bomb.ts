import { crc32, createDeflateRaw } from 'node:zlib';

/** One part of a zip archive: its name, its (deflated) bytes, and the sizes to declare. */
interface Part {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
}

async function deflatePart(name: string, chunk: Buffer, times: number): Promise<Part> {
  // Streamed: the whole text is never in memory, only one chunk and the (small) output.
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let i = 0; i < times; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(out), size: chunk.length * times, crc };
}

/** A zip archive of `parts` (deflate, no data descriptors); `declare` overrides declared sizes. */
function zip(parts: Part[], declare: (p: Part) => number = (p) => p.size): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(p.crc >>> 0, 14);
    header.writeUInt32LE(p.deflated.length, 18);
    header.writeUInt32LE(declare(p), 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, p.deflated);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.deflated.length, 20);
    entry.writeUInt32LE(declare(p), 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/**
 * An XLSX zip bomb: a small workbook whose one sheet inflates to `megabytes` MB of rows (each the
 * same inline-string cell). With `lie`, the zip's directory declares the sheet 1 KB, as a hostile
 * file would to get past a check of declared sizes.
 */
export async function xlsxBomb(megabytes: number, options: { lie?: boolean } = {}): Promise<Buffer> {
  const row = '<row><c t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)));
  const small = (name: string, text: string) => deflatePart(name, Buffer.from(text), 1);
  const parts = [
    await small('[Content_Types].xml', CONTENT_TYPES),
    await small('_rels/.rels', RELS),
    await small('xl/workbook.xml', WORKBOOK),
    await small('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    // Rows only, not a well-formed worksheet: the checks must refuse it before any XML parser runs.
    await deflatePart('xl/worksheets/sheet1.xml', chunk, megabytes),
  ];
  return zip(parts, (p) => (options.lie && p.name.endsWith('sheet1.xml') ? 1024 : p.size));
}
