/**
 * Building the extension's own interface as nodes — never as HTML strings (STYLE §8). Page-derived
 * HTML only enters through `core/html.ts` (see article-view.ts).
 */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

/** `h('button', { class: 'x', onclick: fn }, 'Label')`: an element with attributes, listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value as EventListener);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Close every open menu that does not hold `keep` (one listener for the page, however many menus). */
function closeMenusOutside(keep: Node | null): void {
  for (const other of document.querySelectorAll<HTMLDetailsElement>('details[data-menu][open]')) if (!keep || !other.contains(keep)) other.open = false;
}
let outsideClicks = false;

/**
 * A `<details>` menu that Escape closes, with the focus back on its button: without it a keyboard
 * user could leave an open menu only by finding its button again. One menu is open at a time (the
 * reader's Export and Display panels overlapped), and a press outside it closes it.
 */
export function closesOnEscape(menu: HTMLDetailsElement): HTMLDetailsElement {
  menu.dataset.menu = '';
  menu.addEventListener('toggle', () => {
    if (menu.open && menu.isConnected) closeMenusOutside(menu);
  });
  if (!outsideClicks) {
    outsideClicks = true;
    // A pointer press, not a click: downloads are started with a click on a link added to the page.
    document.addEventListener('pointerdown', (ev) => closeMenusOutside(ev.target as Node), true);
  }
  menu.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape' || !menu.open) return;
    ev.preventDefault();
    ev.stopPropagation();
    menu.open = false;
    menu.querySelector('summary')?.focus();
  });
  return menu;
}

/** The attributes that name the views' controls, rows and groups: they survive a rebuild. */
const KEYS = ['id', 'name', 'data-action', 'data-control', 'data-value', 'data-setting', 'data-site', 'data-category', 'data-entry', 'data-restored', 'data-export', 'data-field'];
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), summary, [tabindex]';

/**
 * `el` as selectors from its named ancestors in `root` down to it (each step one ancestor shorter),
 * with its rank among the matches of the longest; null when nothing names it.
 */
function keyOf(el: Element, root: Element): { steps: string[]; rank: number } | null {
  const parts: string[] = [];
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    const at = e;
    const named = KEYS.filter((a) => at.hasAttribute(a)).map((a) => `[${a}="${at.getAttribute(a)!.replace(/["\\]/g, '\\$&')}"]`).join('');
    if (named || e === el) parts.unshift(named || e.localName);
  }
  if (!parts.some((p) => p.startsWith('['))) return null;
  const steps = parts.map((_, i) => parts.slice(0, parts.length - i).join(' ')).filter((sel) => sel.startsWith('['));
  return { steps, rank: Array.prototype.indexOf.call(root.querySelectorAll(steps[0]), el) };
}

/**
 * Remember where the reader is in `root` before it is rebuilt: the focused control, open menus
 * (`<details>`), expanded toggles (`aria-expanded`) and the article block at the top of the window.
 * The function returned puts them back: the same control, or else the first control of the nearest
 * row or group that is still there (its replacement: Allow becomes Remove once a site is granted).
 */
export function keepPlace(root: Element): () => void {
  const active = document.activeElement;
  const focus = active && active !== root && root.contains(active) ? keyOf(active, root) : null;
  const keys = (selector: string) => Array.from(root.querySelectorAll(selector), (el) => keyOf(el, root)).filter((k) => !!k);
  const open = keys('details[open] > summary');
  const expanded = keys('[aria-expanded="true"]:not(summary)');
  const blocks = (): Element[] => Array.from(root.querySelectorAll('[data-decant-id]'));
  const anchor = blocks().find((el) => el.getBoundingClientRect().bottom > 0);
  const anchorId = anchor?.getAttribute('data-decant-id');
  const anchorTop = anchor?.getBoundingClientRect().top ?? 0;
  const find = (k: { steps: string[]; rank: number } | null): HTMLElement | undefined => (k ? root.querySelectorAll<HTMLElement>(k.steps[0])[k.rank] : undefined);
  return () => {
    for (const k of open) find(k)?.parentElement?.setAttribute('open', '');
    for (const k of expanded) if (find(k)?.getAttribute('aria-expanded') === 'false') find(k)!.click();
    const again = anchorId ? blocks().find((el) => el.getAttribute('data-decant-id') === anchorId) : null;
    const moved = again ? again.getBoundingClientRect().top - anchorTop : 0;
    if (moved) window.scrollBy(0, moved);
    if (!focus) return;
    const same = find(focus);
    for (const found of [same, ...focus.steps.slice(1).map((sel) => root.querySelector<HTMLElement>(sel))]) {
      const target = found?.matches(FOCUSABLE) ? found : found?.querySelector<HTMLElement>(FOCUSABLE);
      if (!target) continue;
      target.focus({ preventScroll: true });
      return;
    }
  };
}

/** Draw `root` again with `draw`, keeping the reader's place in it ({@link keepPlace}). */
export function redrawInPlace(root: Element, draw: () => void): void {
  const back = keepPlace(root);
  draw();
  back();
}

/** Remove every child of `el`. */
export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A small inline SVG icon from Decant's fixed set (paths are constants, not page data). */
const ICONS: Record<string, string> = {
  reader: 'M4 5h16v2H4zm0 4h16v2H4zm0 4h10v2H4zm0 4h10v2H4z',
  markdown: 'M3 6h18v12H3zm2 2v8h2v-5l2 3 2-3v5h2V8h-2l-2 3-2-3zm11 0v4h-2l3 4 3-4h-2V8z',
  text: 'M5 5h14v3h-2V7h-4v10h2v2H9v-2h2V7H7v1H5z',
  image: 'M4 5h16v14H4zm2 2v8l4-4 3 3 2-2 3 3V7zm9 1.5a1.5 1.5 0 110 3 1.5 1.5 0 010-3z',
  print: 'M7 3h10v4H7zm-3 5h16v8h-3v5H7v-5H4zm5 7v4h6v-4z',
  chevron: 'M9 6l6 6-6 6-1.4-1.4L12.2 12 7.6 7.4z',
  external: 'M14 3h7v7h-2V6.4l-8.3 8.3-1.4-1.4L17.6 5H14zM5 5h6v2H7v10h10v-4h2v6H5z',
  warning: 'M12 2L1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z',
  lock: 'M7 10V7a5 5 0 0110 0v3h2v12H5V10zm2 0h6V7a3 3 0 00-6 0z',
  info: 'M11 7h2v2h-2zm0 4h2v6h-2zM12 2a10 10 0 110 20 10 10 0 010-20z',
  hourglass: 'M6 2h12v5l-4 5 4 5v5H6v-5l4-5-4-5z',
  sun: 'M12 7a5 5 0 110 10 5 5 0 010-10zM11 1h2v3h-2zm0 19h2v3h-2zM1 11h3v2H1zm19 0h3v2h-3z',
  moon: 'M14 2a9 9 0 108 12 7 7 0 01-8-12z',
  download: 'M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16 6.3 10.3l1.4-1.4 3.3 3.3zM4 18h16v2H4z',
  save: 'M6 3h12v18l-6-4-6 4zm2 2v12.3l4-2.7 4 2.7V5z',
  library: 'M4 4h3v16H4zm5 0h3v16H9zm5.2 1.1l2.9-.8 4 15.4-2.9.8z',
  trash: 'M9 3h6l1 2h4v2H4V5h4zm-3 6h12l-1 12H7z',
  upload: 'M11 20h2v-9.2l3.3 3.3 1.4-1.4L12 7l-5.7 5.7 1.4 1.4 3.3-3.3zM4 4h16v2H4z',
};

export function icon(name: keyof typeof ICONS | string, label?: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name] ?? ICONS.info);
  svg.appendChild(path);
  return svg;
}
