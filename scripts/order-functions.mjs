// The order of the functions in the module, for gzip.
//
//   node scripts/order-functions.mjs FILE   (wasm-bindgen's module, with its name section)
//
// Gzip finds repeated bytes only within the last 32 KB, so the order of the
// functions matters: the same kind of code side by side compresses better.
// This renames every function defined in the module, in its name section,
// to a name whose alphabetical order is that of its Rust name without the
// type arguments and trait (`<yew::…::CompStateInner<parallax::…> as
// yew::…::Stateful>::view` sorts as `yew::…::CompStateInner::view`): one
// type's methods, one generic function's copies, one module's functions
// stand together. `wasm-opt --reorder-functions-by-name` then puts them in
// that order and `--strip-debug` drops the names (scripts/build.sh); the
// code itself does not change.
import { readFileSync, writeFileSync } from "node:fs";
import { name, readName, readU32, sectionsOf, skipLimits, writeU32 } from "./wasm-sections.mjs";

const path = process.argv[2];
if (!path) throw new Error("usage: node scripts/order-functions.mjs FILE");
const bytes = readFileSync(path);
const sections = sectionsOf(bytes, path);

// Imported functions come first in the index space.
function importedFunctions(body) {
  let [count, pos] = readU32(body, 0);
  let functions = 0;
  for (let i = 0; i < count; i++) {
    [, pos] = readName(body, pos);
    [, pos] = readName(body, pos);
    const kind = body[pos++];
    if (kind === 0x00) [, pos] = readU32(body, pos), functions++;
    else if (kind === 0x01) pos = skipLimits(body, pos + 1);
    else if (kind === 0x02) pos = skipLimits(body, pos);
    else if (kind === 0x03) pos += 2;
    else if (kind === 0x04) pos = readU32(body, pos + 1)[1];
    else throw new Error(`import ${i}: unknown kind ${kind}`);
  }
  return functions;
}

const imports = sections.find((s) => s.id === 2);
const first = imports ? importedFunctions(imports.body) : 0;
const defined = readU32(sections.find((s) => s.id === 3).body, 0)[0];
const isNames = (s) => s.id === 0 && readName(s.body, 0)[0] === "name";
const nameSection = sections.find(isNames);
if (!nameSection) throw new Error(`${path}: no name section (wasm-bindgen without --remove-name-section)`);

// The function names (subsection 1).
const names = new Map();
for (let pos = readName(nameSection.body, 0)[1]; pos < nameSection.body.length; ) {
  const id = nameSection.body[pos++];
  const [size, start] = readU32(nameSection.body, pos);
  if (id === 1) {
    let [count, p] = readU32(nameSection.body, start);
    for (let i = 0; i < count; i++) {
      let index, text;
      [index, p] = readU32(nameSection.body, p);
      [text, p] = readName(nameSection.body, p);
      names.set(index, text);
    }
  }
  pos = start + size;
}

function sortKey(index) {
  const rust = (names.get(index) ?? "~").replace(/\[[0-9a-f]+\]/g, "");
  let key = rust.replace(/^<+/, "");
  for (let prev; prev !== key; ) {
    prev = key;
    key = key.replace(/<[^<>]*>/g, "");
  }
  return `${key.replace(/ as [^>]*>/g, "")} ${rust}`;
}

const indices = Array.from({ length: defined }, (_, i) => first + i);
const keys = new Map(indices.map((i) => [i, sortKey(i)]));
const order = [...indices].sort((a, b) => (keys.get(a) < keys.get(b) ? -1 : keys.get(a) > keys.get(b) ? 1 : a - b));
const rank = new Map(order.map((index, r) => [index, r]));
const width = String(defined).length;
const entries = indices.map((i) => Buffer.concat([writeU32(i), name(`f${String(rank.get(i)).padStart(width, "0")}`)]));
const functionNames = Buffer.concat([writeU32(entries.length), ...entries]);
const content = Buffer.concat([name("name"), Buffer.from([1]), writeU32(functionNames.length), functionNames]);
const parts = [bytes.subarray(0, 8), ...sections.filter((s) => !isNames(s)).map((s) => s.raw)];
parts.push(Buffer.from([0]), writeU32(content.length), content);
writeFileSync(path, Buffer.concat(parts));
