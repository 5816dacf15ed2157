/**
 * The views' actions: copy as Markdown (the export record's Markdown, with provenance from the
 * click — the export modules are loaded only when asked for), copy as text, and a short toast.
 */
import type { Outcome } from '../platform/protocol';
import { h } from './dom';

type ArticleOutcome = Extract<Outcome, { state: 'article' }>;
type Win = Window & typeof globalThis;

/** The article as the CLI's Markdown: YAML front matter (metadata, ledger, provenance) + `# title` + body. */
export async function markdownOf(outcome: ArticleOutcome): Promise<string> {
  const [{ recordOf }, { toMarkdown }] = await Promise.all([import('./record'), import('../export/markdown')]);
  const record = await recordOf(outcome);
  // An inert document: converting never loads the article's images.
  const inert = document.implementation.createHTMLDocument('');
  return toMarkdown(record, inert, window as Win);
}

/** Plain text: the title, then the body text (schema.org articleBody). */
export function plainTextOf(outcome: ArticleOutcome): string {
  const a = outcome.article;
  return `${[a.title, a.text].filter(Boolean).join('\n\n')}\n`;
}

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older engines: a hidden textarea and the copy command.
  const area = h('textarea', { class: 'visually-hidden', readonly: true });
  area.value = text;
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser did not allow copying.');
}

let toastTimer: ReturnType<typeof setTimeout> | null = null;
let firstWrite: ReturnType<typeof setTimeout> | null = null;

/**
 * A short message at the bottom of the view, in a live region (errors assertive). It stays up long
 * enough to read: about 15 characters a second plus a second, 2.6 s at least, an error 6 s (the
 * quota error is some 250 characters; it used to vanish after 2.6 s).
 */
export function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  let el = document.getElementById('toast');
  const fresh = !el;
  if (!el) {
    el = h('div', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(el);
  }
  const region = el;
  const write = (): void => {
    firstWrite = null;
    region.setAttribute('aria-live', kind === 'error' ? 'assertive' : 'polite');
    region.textContent = message;
    region.dataset.kind = kind;
    region.classList.add('visible');
    if (toastTimer) clearTimeout(toastTimer);
    toastTimer = setTimeout(() => region.classList.remove('visible'), Math.max(kind === 'error' ? 6000 : 2600, (message.length / 15) * 1000 + 1000));
  };
  if (firstWrite) clearTimeout(firstWrite);
  // A live region added with its text already in it is often not read out: the first message is
  // written a moment after the region joins the page.
  if (fresh) firstWrite = setTimeout(write, 50);
  else write();
}

export function sizeLabel(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}
