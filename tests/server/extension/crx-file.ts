import { inflateRawSync } from 'node:zlib';

/** Reads one protobuf message's length-delimited fields (the only wire type a CRX3 header uses besides none). */
export function protobufFields(bytes: Uint8Array): Array<{ field: number; value: Uint8Array }> {
  const out: Array<{ field: number; value: Uint8Array }> = [];
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++] ?? 0;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    if ((tag & 7) !== 2) throw new Error(`unexpected wire type ${tag & 7}`);
    const length = varint();
    out.push({ field: Math.floor(tag / 8), value: bytes.subarray(at, at + length) });
    at += length;
  }
  return out;
}

export interface Crx3 {
  version: number;
  headerLength: number;
  publicKeys: Buffer[];
  signatures: Buffer[];
  signedHeaderData: Buffer;
  crxId: Buffer;
  zip: Buffer;
}

/** A CRX3 file as Chromium reads it (components/crx_file/crx3.proto): magic, version, header, archive. */
export function parseCrx3(crx: Buffer): Crx3 {
  if (crx.subarray(0, 4).toString('latin1') !== 'Cr24') throw new Error('no Cr24 magic');
  const version = crx.readUInt32LE(4);
  const headerLength = crx.readUInt32LE(8);
  const header = crx.subarray(12, 12 + headerLength);
  const publicKeys: Buffer[] = [];
  const signatures: Buffer[] = [];
  let signedHeaderData = Buffer.alloc(0);
  for (const { field, value } of protobufFields(header)) {
    if (field === 2) {
      // AsymmetricKeyProof sha256_with_rsa: public_key = 1, signature = 2
      for (const proof of protobufFields(value)) (proof.field === 1 ? publicKeys : signatures).push(Buffer.from(proof.value));
    } else if (field === 10000) {
      signedHeaderData = Buffer.from(value);
    }
  }
  const crxId = Buffer.from(protobufFields(signedHeaderData).find((f) => f.field === 1)?.value ?? []);
  return { version, headerLength, publicKeys, signatures, signedHeaderData, crxId, zip: crx.subarray(12 + headerLength) };
}

/** The bytes CRX3 signs: a fixed prefix, the signed header data's length and bytes, then the archive. */
export function crx3SignedBytes(crx: Crx3): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(crx.signedHeaderData.length);
  return Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'latin1'), length, crx.signedHeaderData, crx.zip]);
}

/** One file out of a ZIP archive, found through the central directory (stored or deflated). */
export function readZipEntry(zip: Buffer, name: string): Buffer | null {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** Every file name in a ZIP archive, in central-directory order. */
export function zipEntryNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const names: string[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}
