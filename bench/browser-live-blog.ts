// Auto-clean's cost on a busy live page (issue 5), in Chromium: a live blog that appends an entry every
// 100 ms and updates a clock every 16 ms for 60 s, with a donation modal inserted at 30 s. Two runs
// of the same window: with auto-clean switched on for the site (through the real popup and Chromium's
// real permission dialog) and without Decant running on the page.
//
// Decant's main-thread script time comes from the browser's own profiler: CDP Profiler samples of the
// page's renderer (250 µs interval) in which content-auto.js is on the stack — its own code and the
// DOM/style work it calls. The page's total script time (Performance.getMetrics ScriptDuration) is
// reported for both runs too. Acceptance (issue 5): the 30 s modal is hidden, and Decant's script time
// is at most 2 % of the window.
import type { CDPSession, Page } from 'playwright-core';
import { clickToolbarIcon, launch, type Session } from '../test/e2e/chromium';
import { UI_DEVTOOLS_ARGS, answerPermissionPrompt } from '../test/e2e/ui-devtools';
import { startServer, type TestServer } from '../test/e2e/server';
import { liveBlogPage } from '../test/e2e/auto-clean-site';

const WINDOW_MS = Number(process.env.BENCH_LIVE_SECONDS ?? 60) * 1000;
const MODAL_AT_MS = WINDOW_MS / 2;
const SAMPLING_US = 250;
const LIVE = '/live/harbour-bridge.html';
const BLANK = '/blank.html';

interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds of samples whose stack holds a frame from `url` (inclusive time), and all non-idle samples. */
function attribute(profile: Profile, url: string): { decant: number; busy: number; total: number; top: [string, number][] } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = ours.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const p = parent.get(id);
    const v = node.callFrame.url === url || (p !== undefined && isOurs(p));
    ours.set(id, v);
    return v;
  };
  let decant = 0;
  let busy = 0;
  let total = 0;
  const leaves = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const name = byId.get(profile.samples[i])!.callFrame.functionName;
    if (name !== '(idle)') busy += dt;
    if (isOurs(profile.samples[i])) {
      decant += dt;
      const f = byId.get(profile.samples[i])!.callFrame;
      const key = `${f.functionName || '(anonymous)'}${f.url && f.url !== url ? ` ${f.url.split('/').pop()}` : f.url ? '' : ' (browser)'}`;
      leaves.set(key, (leaves.get(key) ?? 0) + dt);
    }
  }
  const top = [...leaves.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { decant, busy, total, top };
}

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === name)?.value ?? 0;
}

/** Switch auto-clean on for the server's site the way a reader does: toolbar, switch, Allow. */
async function enableAutoClean(session: Session, server: TestServer): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(server.origin + BLANK);
  const popup = await clickToolbarIcon(session, page);
  await popup.page.waitForSelector('.autoclean[data-state="off"]', { timeout: 15_000 });
  await popup.page.click('label.autoclean-switch', { noWaitAfter: true }).catch(() => undefined);
  await answerPermissionPrompt(session.userDataDir, 'Allow');
  void popup.close();
  for (let i = 0; i < 100; i++) {
    const n = await session.sw.evaluate(async () => (await (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).chrome.scripting.getRegisteredContentScripts()).length);
    if (n) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.close();
}

interface RunResult {
  decantMs: number;
  decantShare: number;
  pageScriptMs: number;
  busyMs: number;
  profiledMs: number;
  modalHiddenAt31s: boolean | null;
  modalHiddenAtEnd: boolean | null;
  entries: number;
  hidden: number;
  firstPassMs: number | null;
  laterScansMs: number | null;
  /** Where Decant's samples were: the innermost function (its own, or the browser's it called). */
  topFunctions: [string, number][];
}

async function measure(session: Session, server: TestServer, withDecant: boolean): Promise<RunResult> {
  const page: Page = await session.context.newPage();
  await page.goto(server.origin + BLANK);
  await page.bringToFront();
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  const script0 = await metric(cdp, 'ScriptDuration');
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(server.origin + LIVE, { waitUntil: 'domcontentloaded' });
  const modalState = async (): Promise<boolean | null> =>
    page.evaluate(() => {
      const m = document.querySelector('.donate-modal');
      return m ? !m.checkVisibility({ checkVisibilityCSS: true }) : null;
    });
  await new Promise((r) => setTimeout(r, Math.max(0, MODAL_AT_MS + 1000 - (Date.now() - t0))));
  const at31 = await modalState();
  await new Promise((r) => setTimeout(r, Math.max(0, WINDOW_MS - (Date.now() - t0))));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const script1 = await metric(cdp, 'ScriptDuration');
  const atEnd = await modalState();
  const entries = await page.evaluate(() => document.querySelectorAll('.entry').length);
  const url = `chrome-extension://${session.extensionId}/content-auto.js`;
  const a = attribute(profile, url);
  let ledger: { hidden: number; timings: { first: number; late: number } } | null = null;
  if (withDecant) {
    const tabId = await session.sw.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      return (await c.tabs.query({ active: true, lastFocusedWindow: true }))[0].id!;
    });
    ledger = await session.sw.evaluate(async (id) => {
      const c = (globalThis as unknown as { chrome: { scripting: { executeScript(o: object): Promise<{ result: unknown }[]> } } }).chrome;
      const [r] = await c.scripting.executeScript({ target: { tabId: id }, func: () => (globalThis as unknown as { __decantLive?: { ledger(): unknown } }).__decantLive?.ledger() ?? null });
      return r.result as { hidden: number; timings: { first: number; late: number } } | null;
    }, tabId);
  }
  await cdp.detach().catch(() => undefined);
  await page.close();
  return {
    decantMs: a.decant,
    decantShare: a.decant / WINDOW_MS,
    pageScriptMs: (script1 - script0) * 1000,
    busyMs: a.busy,
    profiledMs: a.total,
    modalHiddenAt31s: at31,
    modalHiddenAtEnd: atEnd,
    entries,
    hidden: ledger?.hidden ?? 0,
    firstPassMs: ledger?.timings.first ?? null,
    laterScansMs: ledger?.timings.late ?? null,
    topFunctions: a.top.map(([k, v]) => [k, Math.round(v * 10) / 10]),
  };
}

const ms = (x: number): string => `${x.toFixed(1)} ms`;

export async function run(): Promise<Record<string, unknown>> {
  const server = await startServer();
  server.page(BLANK, '<!DOCTYPE html><title>blank</title>');
  server.page(LIVE, liveBlogPage(MODAL_AT_MS, WINDOW_MS));
  const session = await launch({ args: UI_DEVTOOLS_ARGS });
  try {
    const without = await measure(session, server, false);
    await enableAutoClean(session, server);
    const withDecant = await measure(session, server, true);
    const result = {
      windowMs: WINDOW_MS,
      modalAtMs: MODAL_AT_MS,
      samplingUs: SAMPLING_US,
      browser: session.context.browser()?.version() ?? 'chromium',
      withDecant,
      withoutDecant: without,
      acceptance: {
        modalHidden: withDecant.modalHiddenAt31s === true && withDecant.modalHiddenAtEnd === true,
        decantAtMost2Percent: withDecant.decantShare <= 0.02,
      },
    };
    console.log(`\n== auto-clean on a live blog (Chromium ${result.browser}; ${WINDOW_MS / 1000} s, an entry every 100 ms, a clock every 16 ms, a modal at ${MODAL_AT_MS / 1000} s) ==`);
    console.log(`Decant's content script      ${ms(withDecant.decantMs)} = ${(100 * withDecant.decantShare).toFixed(3)} % of the window  (profiler samples with content-auto.js on the stack)`);
    console.log(`  innermost functions        ${withDecant.topFunctions.map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
    console.log(`  first pass / later scans   ${withDecant.firstPassMs === null ? '?' : ms(withDecant.firstPassMs)} / ${withDecant.laterScansMs === null ? '?' : ms(withDecant.laterScansMs)}  (its own clock)`);
    console.log(`page script time             with Decant ${ms(withDecant.pageScriptMs)}, without ${ms(without.pageScriptMs)}  (ScriptDuration; the page's own timers included)`);
    console.log(`main thread busy (profiler)  with Decant ${ms(withDecant.busyMs)}, without ${ms(without.busyMs)}`);
    console.log(`the ${MODAL_AT_MS / 1000} s modal             ${withDecant.modalHiddenAt31s ? 'hidden' : 'VISIBLE'} 1 s later and at the end with Decant (${without.modalHiddenAtEnd === false ? 'visible' : '?'} without); ${withDecant.hidden} things hidden; ${withDecant.entries} entries appended`);
    console.log(`acceptance                   modal hidden: ${result.acceptance.modalHidden ? 'yes' : 'NO'}; Decant ≤ 2 %: ${result.acceptance.decantAtMost2Percent ? 'yes' : 'NO'}`);
    return result;
  } finally {
    await session.close();
    await server.close();
  }
}
