// Reading and writing the parts of a wasm module that the build scripts
// rewrite (scripts/short-names.mjs, scripts/order-functions.mjs).

// An unsigned LEB128 number at `pos`: [value, position after it].
export function readU32(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [result, pos];
  }
}
export function writeU32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}
export function readName(buf, pos) {
  const [len, p] = readU32(buf, pos);
  return [buf.toString("utf8", p, p + len), p + len];
}
export function name(s) {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([writeU32(b.length), b]);
}
// Skips a limits field (table, memory) and returns the position after it.
export function skipLimits(buf, pos) {
  const flags = buf[pos++];
  [, pos] = readU32(buf, pos);
  if (flags & 1) [, pos] = readU32(buf, pos);
  return pos;
}
// The sections of a module: { id, raw (with its header), body }.
export function sectionsOf(bytes, path) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${path}: not a wasm module`);
  const sections = [];
  for (let pos = 8; pos < bytes.length; ) {
    const id = bytes[pos];
    const [size, start] = readU32(bytes, pos + 1);
    sections.push({ id, raw: bytes.subarray(pos, start + size), body: bytes.subarray(start, start + size) });
    pos = start + size;
  }
  return sections;
}
