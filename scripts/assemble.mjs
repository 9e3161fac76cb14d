// Assemble dist/ from the wasm-bindgen output, www/ and index.html.
//
//   node scripts/assemble.mjs --bindgen DIR --www DIR --html index.html --out dist
//
// Writes
//   dist/index.html     index.html with the served Content Security Policy;
//                       loads style.css and boot.js by relative URL, with
//                       preload hints for the glue and the wasm; carries the
//                       demo set (www/demo/*.txt) as a JSON data block
//   dist/parallax.js, dist/parallax_bg.wasm, and everything in www/
//   dist/parallax.html  one self-contained file for file:// and offline use:
//                       the stylesheet inlined in <style>, the favicon as a
//                       data: URL, the wasm as base64 in a non-executed data
//                       block, and the JS glue plus a boot snippet in one
//                       inline module script. Inline script and style are
//                       allowed by their sha256 hashes in the CSP, nothing else.
//
//   dist/sw.js          www/sw.js after one line naming the app shell (every
//                       file of dist/ but parallax.html, demo/ and sw.js) and
//                       the content hash of the shell and the worker, which
//                       names the worker's cache
//
//   node scripts/assemble.mjs --precache dist
//
// rewrites only that line of dist/sw.js, from the files as they are now
// (scripts/build.sh runs it again after minifying the scripts).
//
// Extending: `inlineModuleParts` collects the JS of the single file's module
// script; `dataBlocks` collects non-executed <script> data blocks (e.g. a
// worker's source, to be turned into a blob: URL by the boot code).

import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    bindgen: { type: "string" },
    www: { type: "string" },
    html: { type: "string" },
    out: { type: "string" },
    precache: { type: "string" },
  },
});

// ------------------------------------------------------------ dist/sw.js
// The app shell: what the service worker keeps for offline use. Not the
// single file (a download of its own) nor demo/ (the page carries the demo).
const NOT_SHELL = new Set(["parallax.html", "sw.js", "demo"]);
const SW_HEADER = /^const VERSION = "[^"\n]*", SHELL = \[[^\n]*\];\n/;

function shellFiles(dir, sub = "") {
  return readdirSync(join(dir, sub), { withFileTypes: true })
    .filter((e) => !(sub === "" && NOT_SHELL.has(e.name)))
    .flatMap((e) => {
      const path = sub ? `${sub}/${e.name}` : e.name;
      return e.isDirectory() ? shellFiles(dir, path) : [path];
    })
    .sort();
}

/** Names the shell and its content hash in `dir`/sw.js; returns the hash. */
function precache(dir) {
  const shell = shellFiles(dir);
  const file = join(dir, "sw.js");
  const body = readFileSync(file, "utf8").replace(SW_HEADER, "");
  // The worker's own code counts too: a new worker, a new cache.
  const hash = createHash("sha256").update(body);
  for (const path of shell) hash.update(`\0${path}\0`).update(readFileSync(join(dir, path)));
  const version = hash.digest("hex").slice(0, 16);
  writeFileSync(file, `const VERSION = "${version}", SHELL = ${JSON.stringify(shell)};\n${body}`);
  return version;
}

if (args.precache) {
  console.log(`    ${args.precache}/sw.js: shell version ${precache(resolve(args.precache))}`);
  process.exit(0);
}
for (const k of ["bindgen", "www", "html", "out"]) {
  if (!args[k]) throw new Error(`missing --${k}`);
}
const out = resolve(args.out);

// Content Security Policy. No remote scripts, styles, fonts or frames.
// connect-src allows https: because a user may ask the page to fetch an
// article by URL; the page itself never connects anywhere on its own.
function csp({ scriptSrc, styleSrc }) {
  return [
    "default-src 'none'",
    `script-src ${scriptSrc} 'wasm-unsafe-eval'`,
    `style-src ${styleSrc}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' https:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
function setCsp(html, policy) {
  if (!CSP_META.test(html)) throw new Error("index.html lacks the Content-Security-Policy meta tag");
  return html.replace(CSP_META, () => `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

// Replace exactly one match of `re`, or fail loudly if index.html changed shape.
function replaceOnce(html, re, replacement, what) {
  const matches = html.match(new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g"));
  if (!matches || matches.length !== 1) {
    throw new Error(`index.html: expected exactly one ${what}, found ${matches ? matches.length : 0}`);
  }
  return html.replace(re, () => replacement);
}

// Text safe inside an inline <script>: no "</script" and no "<!--".
const scriptSafe = (js) => js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");

// The `--target web` glue as a classic chunk of module code: drop `export`.
function unexportGlue(js) {
  const stripped = js
    .replace(/^export \{[^}]*\};?\s*$/gm, "")
    .replace(/^export (function|class|const|let|async function) /gm, "$1 ");
  if (/^export /m.test(stripped)) throw new Error("glue still has an export statement");
  return stripped;
}

// ---------------------------------------------------------------- dist/ files
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(resolve(args.www), out, { recursive: true });
for (const f of ["parallax.js", "parallax_bg.wasm"]) {
  cpSync(join(args.bindgen, f), join(out, f));
}

const template = readFileSync(resolve(args.html), "utf8");

// The demo set, in file order, as a non-executed JSON data block that
// src/viewmodel/demo.rs reads (every `<` escaped, so no text can end the block).
const demoDir = join(resolve(args.www), "demo");
const demoTexts = readdirSync(demoDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(demoDir, f), "utf8"));
if (demoTexts.length === 0) throw new Error(`${demoDir}: no demo articles`);
const demoBlock = {
  id: "parallax-demo",
  type: "application/json",
  text: JSON.stringify(demoTexts).replace(/</g, "\\u003c"),
};
const dataBlock = (b) => `<script type="${b.type}" id="${b.id}">${b.text}</script>`;

// ---------------------------------------------------------- dist/index.html
// Preload hints: the browser fetches the glue and the wasm while it is still
// loading boot.js, instead of one after the other (boot.js imports the glue,
// which then fetches the wasm). The wasm hint matches the glue's fetch()
// (CORS mode, same-origin credentials), so that fetch takes the preload.
const PRELOADS =
  '<link rel="modulepreload" href="parallax.js">\n' +
  '<link rel="preload" href="parallax_bg.wasm" as="fetch" type="application/wasm" crossorigin>\n';
const served = setCsp(
  replaceOnce(
    template,
    /<script type="module" src="boot\.js"><\/script>/,
    `${PRELOADS}<script type="module" src="boot.js"></script>`,
    "boot.js script tag",
  ).replace("</body>", () => `${dataBlock(demoBlock)}\n</body>`),
  csp({ scriptSrc: "'self'", styleSrc: "'self'" }),
);
writeFileSync(join(out, "index.html"), served);

// ------------------------------------------------------- dist/parallax.html
let single = template;

// Stylesheets -> one inline <style>.
const STYLE_LINK = /<link rel="stylesheet" href="([^"]+)">/g;
const styles = [];
single = single.replace(STYLE_LINK, (_, href) => {
  const css = readFileSync(join(out, href), "utf8");
  if (/url\((?!\s*["']?data:)/.test(css)) {
    throw new Error(`${href}: url() other than data: would not load in the single file`);
  }
  styles.push(`/* ${href} */\n${css}`);
  return "";
});
const styleText = styles.join("\n").replace(/<\/(style)/gi, "<\\/$1");
single = single.replace("</head>", () => `<style>${styleText}</style>\n</head>`);

// No manifest: an installed app needs a server (dist/index.html).
single = replaceOnce(
  single,
  /<!-- The installed app[^\n]*-->\n<link rel="manifest" href="[^"]+">\n/,
  "",
  "manifest link",
);

// Favicon -> data: URL.
single = replaceOnce(
  single,
  /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/,
  `<link rel="icon" href="data:image/svg+xml;base64,${readFileSync(join(out, "favicon.svg")).toString("base64")}" type="image/svg+xml">`,
  "SVG favicon link",
);

// Non-executed data blocks (not subject to script-src).
const dataBlocks = [
  demoBlock,
  {
    id: "parallax-wasm",
    type: "application/octet-stream",
    text: readFileSync(join(out, "parallax_bg.wasm")).toString("base64"),
  },
];

// The alignment worker's source (src/app/worker.rs turns it into a blob:
// classic worker): the glue, then www/worker.js without its glue import.
if (existsSync(join(out, "worker.js"))) {
  const workerJs = readFileSync(join(out, "worker.js"), "utf8");
  const body = workerJs.replace(/^import [^\n]* from "\.\/parallax\.js";\s*$/m, "");
  if (body === workerJs) throw new Error("worker.js: expected one `import ... from \"./parallax.js\";` line");
  dataBlocks.push({
    id: "parallax-worker",
    type: "text/plain",
    // Run as a classic worker (Chromium refuses module workers from blob:
    // URLs made in a file:// page), where import.meta is a syntax error; it
    // only names the default wasm URL, unused since the page sends the module.
    text: scriptSafe(
      unexportGlue(readFileSync(join(out, "parallax.js"), "utf8")).replaceAll("import.meta.url", "self.location.href") +
        "\n" +
        body,
    ),
  });
}

// The module script: the page's IO (www/io.js), glue + boot (see www/boot.js for
// the served variant).
const inlineModuleParts = [
  readFileSync(join(out, "io.js"), "utf8"),
  unexportGlue(readFileSync(join(out, "parallax.js"), "utf8")),
  readFileSync(new URL("./single-file-boot.js", import.meta.url), "utf8"),
];
const moduleText = scriptSafe(inlineModuleParts.join("\n"));

const scripts =
  dataBlocks.map(dataBlock).join("\n") +
  `\n<script type="module">${moduleText}</script>`;
single = replaceOnce(single, /<script type="module" src="boot\.js"><\/script>/, "", "boot.js script tag");
// Scripts go at the end of <body>: #app exists when they run.
single = single.replace("</body>", () => `${scripts}\n</body>`);
single = setCsp(single, csp({ scriptSrc: sha256(moduleText), styleSrc: sha256(styleText) }));
writeFileSync(join(out, "parallax.html"), single);

if (!existsSync(join(out, "io.js"))) throw new Error("www/io.js missing from dist/");
if (!existsSync(join(out, "boot.js"))) throw new Error("www/boot.js missing from dist/");
precache(out);
console.log(`    wrote ${out}/index.html and ${out}/parallax.html`);
