import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";

/** Flags Debian's headless Chromium needs on these machines (no sandbox as root, no network chatter). */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Debian's Chromium (never a downloaded one). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
  });
}

/** What a test opens pages with: the contexts it makes, and `close` when it is done with them. */
export interface ChromiumSession {
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The part of vitest's worker state (`globalThis.__vitest_worker__`) that runs code when the worker stops. */
interface VitestWorker {
  onCleanup?: (listener: () => unknown) => void;
}

// Kept on globalThis, not in this module: a worker that runs its files each in a module graph of
// its own still has one process, and so one browser.
const worker = globalThis as { folioChromium?: Promise<Browser>; __vitest_worker__?: VitestWorker };

/**
 * The test worker's Chromium, launched on first use and closed when the worker stops: the e2e
 * layer's files run one after another in a worker process, and a launch and close cost Chromium
 * about 1.4 CPU-s each. A browser that crashed or was closed is launched anew.
 */
function workerChromium(): Promise<Browser> {
  if (!worker.folioChromium) {
    const launched = launchChromium();
    worker.folioChromium = launched;
    launched.then(
      (browser) => {
        browser.on("disconnected", () => {
          if (worker.folioChromium === launched) worker.folioChromium = undefined;
        });
        // Before the worker reports it stopped, so no Chromium outlives the run. Outside vitest
        // (or were its worker state to change), Playwright kills the browser when the process exits.
        worker.__vitest_worker__?.onCleanup?.(() => browser.close());
      },
      () => {
        if (worker.folioChromium === launched) worker.folioChromium = undefined;
      },
    );
  }
  return worker.folioChromium;
}

/**
 * A test file's share of the worker's Chromium (`workerChromium`): contexts of its own, so that
 * nothing (cookies, routes, pages) passes from one file to the next; `close` closes them and
 * leaves the browser to the next file.
 */
export async function chromiumSession(): Promise<ChromiumSession> {
  const browser = await workerChromium();
  const contexts = new Set<BrowserContext>();
  return {
    async newContext(options) {
      const context = await browser.newContext(options);
      contexts.add(context);
      context.on("close", () => contexts.delete(context));
      return context;
    },
    async close() {
      await Promise.all([...contexts].map((context) => context.close()));
    },
  };
}

export interface PageLoad {
  page: Page;
  /** Every URL the page asked for besides itself (data: URLs excluded). */
  requests: string[];
}

/**
 * Opens a local file, in a context of its own, and records every request it makes. CSP is bypassed
 * on purpose, so a request the page's own policy would have blocked still shows up here.
 */
export async function openFile(browser: ChromiumSession, path: string): Promise<PageLoad> {
  return (await fileLoader(browser)).open(path);
}

/** Opens local files one after another in the same page (`openFile`'s recording and refusal). */
export interface FileLoader {
  open(path: string): Promise<PageLoad>;
}

/**
 * One page for many files, for a test that loads them one at a time: a context and page per file
 * (`openFile`) cost Chromium a renderer process each, about half its CPU for a page printed.
 * Each `open` navigates the page anew: the page it returns is valid until the next `open`.
 */
export async function fileLoader(browser: ChromiumSession): Promise<FileLoader> {
  const context = await browser.newContext({ bypassCSP: true });
  let self = "";
  let requests: string[] = [];
  // Record, then refuse: nothing a page asks for ever leaves this machine.
  await context.route(
    (url) => url.href !== self && url.protocol !== "data:",
    (route) => route.abort("blockedbyclient"),
  );
  const page = await context.newPage();
  page.on("request", (request) => {
    const url = request.url();
    if (url !== self && !url.startsWith("data:")) requests.push(url);
  });
  return {
    async open(path) {
      self = new URL(`file://${path}`).href;
      requests = [];
      await page.goto(self, { waitUntil: "load" });
      return { page, requests };
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Runs axe-core for WCAG 2.2 A and AA on the open page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (o: unknown) => Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
}
