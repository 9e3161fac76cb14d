// Short names for what the wasm module and its wasm-bindgen glue call each
// other by, in both files at once.
//
//   node scripts/short-names.mjs DIR   (DIR holds parallax_bg.wasm and parallax.js)
//
// wasm-bindgen names each import after the Rust item and a hash
// (`__wbg_removeEventListener_cc543e35b1012a27`) and each closure export after
// its full type path; the names stand once in the module and once in the glue,
// some 200 of them, and with gzip they cost some 6.5 KB. Here every import
// becomes a one- or two-letter key of the glue's import object (its module
// "./parallax_bg.js" becomes "_"), and every export the glue calls as
// `wasm.NAME` a short name too. The glue's own exports, what the page and the
// worker call, keep their names. Nothing else in the module changes: the
// import and export sections are rewritten, every other section is copied.
//
// Each renaming must match exactly where the glue uses the name, or this
// stops with an error (a new wasm-bindgen version with another glue layout).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { name, readName, readU32, sectionsOf, skipLimits, writeU32 } from "./wasm-sections.mjs";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/short-names.mjs DIR");
const wasmPath = join(dir, "parallax_bg.wasm");
const gluePath = join(dir, "parallax.js");
const MODULE = "./parallax_bg.js";
const SHORT_MODULE = "_";

const bytes = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

const sections = sectionsOf(bytes, wasmPath);

// Short JS identifiers: a..z A..Z, then two characters.
const FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const REST = `${FIRST}0123456789`;
function shortName(i) {
  if (i < FIRST.length) return FIRST[i];
  i -= FIRST.length;
  if (i >= FIRST.length * REST.length) throw new Error("too many names");
  return FIRST[Math.floor(i / REST.length)] + REST[i % REST.length];
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Replaces exactly `count` matches of `re` (a global regexp), or fails.
function replaceCounted(re, to, what, count = 1) {
  const found = glue.match(re)?.length ?? 0;
  if (count === 0 ? found === 0 : found !== count) {
    throw new Error(`glue: expected ${count || "some"} ${what}, found ${found}`);
  }
  glue = glue.replace(re, to);
}

// ------------------------------------------------------------ imports
function renameImports(body) {
  let [count, pos] = readU32(body, 0);
  const out = [writeU32(count)];
  for (let i = 0; i < count; i++) {
    let module, field;
    [module, pos] = readName(body, pos);
    [field, pos] = readName(body, pos);
    const descStart = pos;
    const kind = body[pos++];
    if (kind === 0x00) [, pos] = readU32(body, pos); // function: type index
    else if (kind === 0x01) pos = skipLimits(body, pos + 1); // table: reftype, limits
    else if (kind === 0x02) pos = skipLimits(body, pos); // memory
    else if (kind === 0x03) pos += 2; // global: valtype, mutability
    else if (kind === 0x04) pos = readU32(body, pos + 1)[1]; // tag
    else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
    if (module !== MODULE) throw new Error(`import from ${module}: only ${MODULE} is expected`);
    const short = shortName(i);
    replaceCounted(new RegExp(`^(\\s+)${escape(field)}(: function\\()`, "gm"), `$1${short}$2`, `import key ${field}`);
    if (new RegExp(`\\b${escape(field)}\\b`).test(glue)) throw new Error(`glue: ${field} used beyond its key`);
    out.push(name(SHORT_MODULE), name(short), body.subarray(descStart, pos));
  }
  if (pos !== body.length) throw new Error("import section: trailing bytes");
  replaceCounted(new RegExp(`^(\\s+)"${escape(MODULE)}": `, "gm"), `$1"${SHORT_MODULE}": `, "import module key");
  return Buffer.concat(out);
}

// ------------------------------------------------------------ exports
function renameExports(body) {
  let [count, pos] = readU32(body, 0);
  const entries = [];
  for (let i = 0; i < count; i++) {
    let field;
    [field, pos] = readName(body, pos);
    const descStart = pos;
    [, pos] = readU32(body, pos + 1);
    entries.push({ field, desc: body.subarray(descStart, pos) });
  }
  if (pos !== body.length) throw new Error("export section: trailing bytes");
  const kept = new Set(entries.map((e) => e.field));
  let next = 0;
  const out = [writeU32(count)];
  for (const e of entries) {
    let field = e.field;
    const uses = new RegExp(`\\bwasm\\.${escape(field)}\\b`, "g");
    if (field.length > 2 && glue.match(uses)) {
      let short;
      do short = shortName(next++);
      while (kept.has(short));
      replaceCounted(uses, `wasm.${short}`, `uses of export ${field}`, 0);
      field = short;
    }
    out.push(name(field), e.desc);
  }
  return Buffer.concat(out);
}

const parts = [bytes.subarray(0, 8)];
for (const s of sections) {
  if (s.id !== 2 && s.id !== 7) {
    parts.push(s.raw);
    continue;
  }
  const body = s.id === 2 ? renameImports(s.body) : renameExports(s.body);
  parts.push(Buffer.from([s.id]), writeU32(body.length), body);
}
const wasm = Buffer.concat(parts);
writeFileSync(wasmPath, wasm);
writeFileSync(gluePath, glue);
console.log(`    ${bytes.length - wasm.length} bytes of names fewer in the module`);
