/**
 * Answering Chromium's REAL extension permission dialog, headless (BROWSER-TESTING.md §7): Chromium's
 * UI DevTools server exposes the browser's own Views tree; the dialog is
 * `Widget[name=ExtensionInstallDialogView]`, its buttons `MdTextButton` views with a `Text` property
 * ("Allow"/"Deny"), and `DOM.dispatchMouseEvent` clicks them. The dialog's labels are returned so a
 * test can assert what the reader was asked.
 *
 * UI DevTools is an internal debugging tool: when a Chromium update renames these views, this helper
 * fails loudly with what it found. It takes one client at a time and has no authentication (127.0.0.1).
 */
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';

/**
 * Launch switches: the UI DevTools server on a free port (written to <profile>/UIDevToolsActivePort)
 * and synthetic mouse events. Playwright passes its own --enable-features; the last one wins, so its
 * list (playwright-core 1.65.1: CDPScreenshotNewSurface, SkipListAccountsWithoutGaiaCookies) is
 * repeated here.
 */
export const UI_DEVTOOLS_ARGS = [
  '--enable-ui-devtools=0',
  '--enable-features=CDPScreenshotNewSurface,SkipListAccountsWithoutGaiaCookies,ui-debug-tools-enable-synthetic-events',
];

interface UiNode {
  nodeId: number;
  name?: string;
  nodeName?: string;
  attributes?: string[];
  children?: UiNode[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class UiDevTools {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
  }

  static async connect(port: number): Promise<UiDevTools> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/0`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new UiDevTools(ws);
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      setTimeout(() => {
        if (this.pending.delete(id)) reject(new Error(`UI DevTools: ${method} timed out`));
      }, 10_000);
    });
  }

  close(): void {
    this.ws.close();
  }

  /** View properties (Text, IsDefault, …) as a map. */
  async props(nodeId: number): Promise<Map<string, string>> {
    const r = await this.send<{ matchedCSSRules?: { rule: { style: { cssProperties: { name: string; value: string }[] } } }[] }>('CSS.getMatchedStylesForNode', { nodeId });
    const out = new Map<string, string>();
    for (const m of r.matchedCSSRules ?? []) for (const p of m.rule.style.cssProperties) out.set(p.name, p.value);
    return out;
  }
}

function walk(node: UiNode, visit: (n: UiNode) => void): void {
  visit(node);
  for (const c of node.children ?? []) walk(c, visit);
}

const attr = (n: UiNode, name: string): string | undefined => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
};

export interface PromptAnswer {
  /** Every label of the dialog, in tree order: its title and the permissions it names. */
  texts: string[];
  /** The buttons it offered. */
  buttons: string[];
}

/**
 * Wait for the extension permission dialog, read it, and click `answer`. Throws when no dialog shows
 * within `timeout` (a request that resolved without asking is a failure the caller should see).
 */
export async function answerPermissionPrompt(userDataDir: string, answer: 'Allow' | 'Deny', timeout = 15_000): Promise<PromptAnswer> {
  const portFile = path.join(userDataDir, 'UIDevToolsActivePort');
  const deadline = Date.now() + timeout;
  while (!fs.existsSync(portFile) || !fs.readFileSync(portFile, 'utf8').trim()) {
    if (Date.now() > deadline) throw new Error(`UI DevTools did not start (no ${portFile}): launch with UI_DEVTOOLS_ARGS.`);
    await sleep(100);
  }
  const ui = await UiDevTools.connect(Number(fs.readFileSync(portFile, 'utf8').trim()));
  try {
    await ui.send('DOM.enable');
    let dialog: UiNode | null = null;
    let seen: string[] = [];
    while (!dialog) {
      const { root } = await ui.send<{ root: UiNode }>('DOM.getDocument');
      seen = [];
      walk(root, (n) => {
        const name = attr(n, 'name') ?? n.name ?? '';
        if (name) seen.push(name);
        if (!dialog && /ExtensionInstallDialogView|ExtensionPermissionsDialog/.test(name)) dialog = n;
      });
      if (dialog) break;
      if (Date.now() > deadline) throw new Error(`No extension permission dialog appeared. Views seen: ${[...new Set(seen)].slice(0, 40).join(', ')}`);
      await sleep(150);
    }
    const found = dialog as UiNode;
    const texts: string[] = [];
    const buttons: { nodeId: number; text: string }[] = [];
    const all: UiNode[] = [];
    walk(found, (n) => all.push(n));
    for (const n of all) {
      const cls = attr(n, 'class') ?? '';
      const props = await ui.props(n.nodeId).catch(() => new Map<string, string>());
      const text = props.get('Text');
      if (!text) continue;
      if (/Button/.test(cls) || /Button/.test(attr(n, 'name') ?? '')) buttons.push({ nodeId: n.nodeId, text });
      else texts.push(text);
    }
    const button = buttons.find((b) => b.text === answer);
    if (!button) throw new Error(`The permission dialog has no "${answer}" button (buttons: ${buttons.map((b) => b.text).join(', ') || 'none'}; texts: ${texts.join(' | ')}).`);
    // Views drop clicks within the double-click interval of the dialog appearing or of a previous
    // click (InputEventActivationProtector): wait, click once, and retry only after another wait.
    for (let attempt = 0; attempt < 4; attempt++) {
      await sleep(700);
      for (const type of ['mousePressed', 'mouseReleased']) {
        await ui.send('DOM.dispatchMouseEvent', { nodeId: button.nodeId, event: { type, x: 4, y: 4, button: 'left', wheelDirection: 'none' } });
      }
      await sleep(300);
      const { root } = await ui.send<{ root: UiNode }>('DOM.getDocument');
      let still = false;
      walk(root, (n) => {
        if (n.nodeId === found.nodeId) still = true;
      });
      if (!still) return { texts, buttons: buttons.map((b) => b.text) };
    }
    throw new Error(`Clicking "${answer}" did not close the permission dialog.`);
  } finally {
    ui.close();
  }
}
