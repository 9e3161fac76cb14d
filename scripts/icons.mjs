// Render the installed app's icons (www/icons/*.png, named in
// www/manifest.webmanifest) from www/favicon.svg with headless Chromium.
// Run it again after changing the favicon, and commit the PNGs:
//   node scripts/icons.mjs
//
// icon-192.png, icon-512.png: the favicon as it is (transparent corners).
// maskable-512.png: for launchers that cut icons to their own shape (circle,
// squircle): the favicon's dark square fills the whole image and the
// favicon is drawn at 80%, inside the safe zone (a circle of 80% diameter).
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, closeAll, getBrowser } from "../tests/browser/lib.mjs";

const svg = readFileSync(join(ROOT, "www", "favicon.svg"));
const fill = /<rect width="32" height="32" rx="\d+" fill="(#[0-9a-f]{6})"/i.exec(svg.toString())?.[1];
if (!fill) throw new Error("www/favicon.svg: expected a full-size background <rect> with a fill colour");
const src = `data:image/svg+xml;base64,${svg.toString("base64")}`;

const ICONS = [
  { file: "icon-192.png", size: 192, scale: 1, background: null },
  { file: "icon-512.png", size: 512, scale: 1, background: null },
  { file: "maskable-512.png", size: 512, scale: 0.8, background: fill },
];

const out = join(ROOT, "www", "icons");
mkdirSync(out, { recursive: true });
const browser = await getBrowser();
try {
  for (const { file, size, scale, background } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const side = Math.round(size * scale);
    await page.setContent(
      `<body style="margin:0;display:grid;place-items:center;height:${size}px;background:${background ?? "transparent"}">` +
        `<img src="${src}" width="${side}" height="${side}" alt=""></body>`,
    );
    await page.locator("img").evaluate((img) => img.decode());
    await page.screenshot({ path: join(out, file), omitBackground: background === null });
    await page.close();
    console.log(`wrote www/icons/${file} (${size}x${size})`);
  }
} finally {
  await closeAll();
}
