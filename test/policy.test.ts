// Security policy of the build (issue 7 §2, SECURITY.md): the manifest grants exactly what Decant
// needs and nothing a page could use to reach it (no web_accessible_resources, no
// externally_connectable, the exact CSP); the shipped bundles contain no network API; and the lint
// that guards the one sanitising module really fails on an HTML sink anywhere else.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import { ROOT } from './helpers';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const dist = (browser: string): string => path.join(ROOT, 'dist', browser);
const manifest = (browser: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(dist(browser), 'manifest.json'), 'utf8'));

function* scripts(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* scripts(p);
    else if (e.name.endsWith('.js')) yield p;
  }
}

describe.each(['chrome', 'firefox'])('%s manifest', (browser) => {
  const m = manifest(browser);

  test('permissions exactly as CONTRACT §6: nothing granted up front beyond the click, hosts only on request', () => {
    expect(m.permissions).toEqual(['activeTab', 'scripting', 'storage', 'contextMenus']);
    expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(m.optional_permissions).toEqual(['tabs']);
    for (const key of ['host_permissions', 'content_scripts']) expect(m[key], key).toBeUndefined();
  });

  test('no page can load or message the extension: no web_accessible_resources, no externally_connectable', () => {
    expect(m.web_accessible_resources).toBeUndefined();
    expect(m.externally_connectable).toBeUndefined();
  });

  test('the extension pages\' CSP is exactly the intended one', () => {
    expect(m.content_security_policy).toEqual({ extension_pages: CSP });
  });

  test('the manifest has only the keys Decant uses', () => {
    const keys = ['action', 'background', 'commands', 'content_security_policy', 'description', 'icons', 'manifest_version', 'name', 'optional_host_permissions', 'optional_permissions', 'options_ui', 'permissions', 'version'];
    expect(Object.keys(m).sort()).toEqual([...keys, browser === 'chrome' ? 'minimum_chrome_version' : 'browser_specific_settings'].sort());
  });
});

describe('the shipped bundles make no network requests', () => {
  // A call or a constructor: `fetch(`, `.fetch(`, `new XMLHttpRequest`, `new WebSocket`, `sendBeacon(`, …
  const NETWORK = /\bfetch\s*\(|XMLHttpRequest|\bWebSocket\b|sendBeacon|\bEventSource\b|importScripts\s*\(|\bnew\s+Worker\s*\(|\bRTCPeerConnection\b|\bWebTransport\b/;

  test.each(['chrome', 'firefox'])('%s: no fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource in any script', (browser) => {
    const found: string[] = [];
    const files = [...scripts(dist(browser))];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const m = NETWORK.exec(text);
      if (m) found.push(`${path.relative(dist(browser), file)}: …${text.slice(Math.max(0, m.index - 60), m.index + 60)}…`);
    }
    expect(found).toEqual([]);
  });

  test('the scan would find one (a bundle with a fetch call fails it)', () => {
    expect(NETWORK.test('const r=await fetch(u,{method:"POST"})')).toBe(true);
    expect(NETWORK.test('navigator.sendBeacon(u,d)')).toBe(true);
    expect(NETWORK.test('new WebSocket("wss://x")')).toBe(true);
  });
});

describe('lint: HTML sinks outside src/core/html.ts fail the build (eslint-plugin-no-unsanitized)', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const lint = async (file: string, code: string): Promise<string[]> => {
    const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
  };

  test.each([
    ['innerHTML', 'export function f(el: Element, s: string): void { el.innerHTML = s; }\n', 'no-unsanitized/property'],
    ['outerHTML', 'export function f(el: Element, s: string): void { el.outerHTML = s; }\n', 'no-unsanitized/property'],
    ['insertAdjacentHTML', "export function f(el: Element, s: string): void { el.insertAdjacentHTML('beforeend', s); }\n", 'no-unsanitized/method'],
    ['document.write', 'export function f(s: string): void { document.write(s); }\n', 'no-unsanitized/method'],
  ])('%s in src/views fails', async (_what, code, rule) => {
    expect(await lint('src/views/policy-probe.ts', code)).toContain(rule);
  });

  test.each(['src/popup-probe.ts', 'src/platform/policy-probe.ts', 'src/content/policy-probe.ts', 'src/core/policy-probe.ts', 'src/export/policy-probe.ts'])('innerHTML in %s fails', async (file) => {
    expect(await lint(file, 'export function f(el: Element, s: string): void { el.innerHTML = s; }\n')).toContain('no-unsanitized/property');
  });

  test('DOMPurify imported outside src/core/html.ts fails', async () => {
    expect(await lint('src/views/policy-probe.ts', "import DOMPurify from 'dompurify';\nexport const p = DOMPurify;\n")).toContain('no-restricted-imports');
  });

  test('src/core/html.ts, the one sanitising module, may', async () => {
    expect(await lint('src/core/html.ts', 'export function f(el: Element, s: string): void { el.innerHTML = s; }\n')).not.toContain('no-unsanitized/property');
  });

  test('npm test runs the lint and the innerHTML check', () => {
    const test = fs.readFileSync(path.join(ROOT, 'scripts', 'test.mjs'), 'utf8');
    expect(test).toContain("'eslint', '--max-warnings=0', 'src'");
    expect(test).toContain('scripts/check-no-innerhtml.mjs');
  });
});
