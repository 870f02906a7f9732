// The guestbook in headless Chromium on every server: CSS applied, image decoded, form posted, entry shown, screenshot saved.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOG_SERVERS } from "./fixtures/blog-servers.js";

/** Debian's Chromium (CI installs it with apt-get); PATCHBAY_CHROMIUM_PATH names another build. */
const CHROMIUM_PATH = process.env.PATCHBAY_CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Flags for a quiet, sandbox-free headless run in a container: no background traffic, no first-run UI. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];
/** Where the screenshots go (git-ignored): test-output/<server>.png. */
const OUTPUT_DIR = fileURLToPath(new URL("../test-output/", import.meta.url));
/** Longest wait for one browser step (launch excepted); the whole file stays well under a minute. */
const STEP_TIMEOUT_MS = 10_000;
/** Chromium's start-up on a loaded 2-core machine. */
const LAUNCH_TIMEOUT_MS = 30_000;
/** One server's whole scenario: start, load, post, screenshot, stop. */
const SCENARIO_TIMEOUT_MS = 20_000;
/** body's background-color in public/style.css (--paper: #faf7f0), as getComputedStyle reports it. */
const PAPER_BACKGROUND = "rgb(250, 247, 240)";

let browser: Browser | undefined;

/**
 * Launches Chromium on first use. A missing Chromium fails every test with this message (a failing
 * beforeAll would only mark them skipped).
 */
async function launchedBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing: ${CHROMIUM_PATH} does not exist. Install it (Debian: apt-get install -y chromium); this test never skips.`);
  }
  browser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
  return browser;
}

beforeAll(async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("the guestbook in Chromium", () => {
  it.each([...BLOG_SERVERS])(
    "on server-%s: loads CSS and image, posts the form, shows the entry",
    async (serverName, startBlog) => {
      const launched = await launchedBrowser();
      const dataDir = await mkdtemp(join(tmpdir(), `patchbay-blog-browser-${serverName}-`));
      const blog = await startBlog(dataDir);
      const context = await launched.newContext({ viewport: { width: 900, height: 700 } });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        const failedRequests: string[] = [];
        page.on("requestfailed", (request) => void failedRequests.push(request.url()));

        const response = await page.goto(`${blog.url}/`, { waitUntil: "load" });
        expect(response?.status()).toBe(200);
        expect(await page.evaluate<string>("getComputedStyle(document.body).backgroundColor")).toBe(PAPER_BACKGROUND);
        expect(await page.evaluate<number>('document.querySelector("img.logo").naturalWidth')).toBe(96);
        expect(await page.locator(".empty").textContent()).toContain("No entries yet");

        const message = `Hello from Chromium on server-${serverName} <3`;
        await page.fill('input[name="name"]', "Headless Ada");
        await page.fill('textarea[name="message"]', message);
        await Promise.all([page.waitForURL(`${blog.url}/#entry-1`), page.click('button[type="submit"]')]);

        expect(await page.locator("#entry-1 .entry-message").textContent()).toBe(message);
        expect(await page.locator("#entry-1 .entry-meta").textContent()).toContain("Headless Ada");
        expect(await page.locator(".empty").count()).toBe(0);
        expect(failedRequests).toEqual([]);
        await page.screenshot({ path: join(OUTPUT_DIR, `${serverName}.png`), fullPage: true });
      } finally {
        await context.close();
        await blog.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    // The first scenario also waits for Chromium to start.
    SCENARIO_TIMEOUT_MS + LAUNCH_TIMEOUT_MS,
  );
});
