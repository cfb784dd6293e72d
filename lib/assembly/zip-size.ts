/**
 * The unzipped size of a .zip file, read from its central directory (no extraction): what
 * Lambda counts against its code size limit for a zipped asset such as a prebuilt layer.
 */
import { readFileSync } from "node:fs";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const ZIP64_MARKER = 0xffffffff;

/** Sum of the uncompressed sizes of every entry of a zip file, in bytes. */
export function zipUncompressedBytes(file: string): number {
  const zip = readFileSync(file);
  // The end record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (at === ZIP64_MARKER) throw new Error(`${file} is a ZIP64 archive, which this reader does not handle`);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER)
      throw new Error(`${file}: bad central directory entry ${i}`);
    const size = zip.readUInt32LE(at + 24);
    if (size === ZIP64_MARKER)
      throw new Error(`${file}: entry ${i} needs ZIP64, which this reader does not handle`);
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}
