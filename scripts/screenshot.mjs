// Take the README's pictures from the built page:
//   ./scripts/build.sh && node scripts/screenshot.mjs
// docs/screenshot.png: the page with the demo set;
// docs/offline.png: the page reloaded with the browser offline, served by
// its service worker after a first visit, at a phone's screen size.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, closeAll, openPage, waitForApp } from "../tests/browser/lib.mjs";

// The service worker's requests obey setOffline only with this.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

const s = await openPage("http", { viewport: { width: 1280, height: 800 } });
const shown = () => s.page.waitForSelector('[data-testid="outlet-toggle"]', { timeout: 30_000 }).catch(() => {});
try {
  await waitForApp(s.page);
  await shown();
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  await s.page.screenshot({ path: join(ROOT, "docs", "screenshot.png"), animations: "disabled" });
  console.log("wrote docs/screenshot.png");

  await s.page.evaluate(() => navigator.serviceWorker.ready);
  await s.context.setOffline(true);
  // The size of a phone's screen, where the installed app is most used.
  await s.page.setViewportSize({ width: 412, height: 860 });
  const res = await s.page.reload({ waitUntil: "load" });
  if (!res?.fromServiceWorker()) throw new Error("the offline reload was not served by the service worker");
  await waitForApp(s.page);
  await shown();
  await s.page.screenshot({ path: join(ROOT, "docs", "offline.png"), animations: "disabled" });
  console.log("wrote docs/offline.png");
} finally {
  await s.close();
  await closeAll();
}
