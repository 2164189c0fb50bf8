/**
 * Generated avatars: valid PNG files (signature, chunk CRCs, zlib data of the right size),
 * the same bytes for the same person, different for different people.
 */
import { inflateSync } from 'zlib';
import { avatarPng } from '../../workbench/tenant/graph/avatar';
import { crc32, encodePng, isPng } from '../../workbench/tenant/graph/png';

function chunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const out = [];
  let o = 8;
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.subarray(o + 4, o + 8).toString('ascii');
    const data = png.subarray(o + 8, o + 8 + len);
    const crc = png.readUInt32BE(o + 8 + len);
    out.push({ type, data, crcOk: crc === crc32(png.subarray(o + 4, o + 8 + len)) });
    o += 12 + len;
  }
  return out;
}

describe('PNG avatars', () => {
  it('are valid PNG files', () => {
    const png = avatarPng('user-1', 64);
    expect(isPng(png)).toBe(true);
    const c = chunks(png);
    expect(c.map(x => x.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(c.every(x => x.crcOk)).toBe(true);
    expect(c[0].data.readUInt32BE(0)).toBe(64);
    expect(c[0].data.readUInt32BE(4)).toBe(64);
    expect(c[0].data[9]).toBe(2);
    expect(inflateSync(c[1].data).length).toBe(64 * (64 * 3 + 1));
  });

  it('are deterministic per seed and differ between people', () => {
    expect(avatarPng('user-1').equals(avatarPng('user-1'))).toBe(true);
    expect(avatarPng('user-1').equals(avatarPng('user-2'))).toBe(false);
  });

  it('checks the pixel buffer size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow(/expected 12 bytes/);
    // the CRC of "IEND" is the well-known AE 42 60 82
    expect(crc32(Buffer.from('IEND', 'ascii'))).toBe(0xae426082);
  });
});
