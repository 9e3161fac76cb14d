// Take docs/screenshot.png (the README's picture) from the built page.
//   ./scripts/build.sh && node scripts/screenshot.mjs
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, closeAll, openPage, waitForApp } from "../tests/browser/lib.mjs";

const s = await openPage("http", { viewport: { width: 1280, height: 800 } });
try {
  await waitForApp(s.page);
  await s.page.waitForSelector('[data-testid="outlet-toggle"]', { timeout: 30_000 }).catch(() => {});
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  await s.page.screenshot({ path: join(ROOT, "docs", "screenshot.png"), animations: "disabled" });
  console.log("wrote docs/screenshot.png");
} finally {
  await s.close();
  await closeAll();
}
