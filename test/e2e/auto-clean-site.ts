/**
 * A local news site for the auto-clean tests and the live-blog benchmark (issue 5), written for the
 * case, modelled on common nag systems: a story page whose donation modal (role=dialog over a
 * backdrop, amount buttons) arrives 1.5 s after load and locks scrolling with `body.modal-open`
 * (Bootstrap's way), an in-article "support us" appeal, and GPT-style ad slots; and a live blog that
 * appends an entry every 100 ms and ticks a clock every 16 ms, with the same modal at a chosen time.
 */

export const STORY_TITLE = 'Harbour bridge reopens after two years of repairs';

/** The article's paragraphs: what must stay visible. */
export const STORY_PARAS = [
  'The harbour bridge reopened to traffic on Monday morning, two years after engineers closed it when inspectors found corroded cables beneath the eastern span.',
  'Commuters who had spent the repairs on a ferry that added forty minutes to each trip queued before dawn to be among the first to drive across.',
  'The city council approved the repair budget in a narrow vote, after a long debate about whether the old structure should be replaced altogether.',
  'Engineers replaced all sixty-four suspension cables, one at a time, so that the bridge stayed standing without a temporary support tower in the water.',
  'The work ran four months over schedule, mostly because a winter storm damaged the scaffolding on the western tower and delayed the painting crews.',
  'Local shops on both ends of the bridge said trade had fallen by a third during the closure and hoped customers would come back within weeks.',
  'The transport department will keep a reduced speed limit on the bridge until the new road surface has settled, which is expected by the end of summer.',
  'A small ceremony is planned for the weekend, when the footpath on the northern side reopens to walkers and cyclists after a final safety inspection.',
];

export const APPEAL_TEXT = 'Support local journalism';
export const MODAL_TEXT = 'Before you go: keep the Harbour Times free';
export const NEWSLETTER_TEXT = 'The morning briefing, in your inbox';

const STYLE = `
  body { font: 18px/1.6 Georgia, serif; margin: 0; color: #222; background: #fff; }
  header.site { position: sticky; top: 0; height: 56px; padding: 0 24px; background: #fff; border-bottom: 1px solid #ddd; z-index: 10; display: flex; align-items: center; gap: 24px; }
  main { max-width: 680px; margin: 0 auto; padding: 24px; }
  .ad-slot { min-height: 250px; background: #eee; margin: 24px 0; }
  .support-box { border: 2px solid #b00; padding: 16px; margin: 24px 0; }
  body.modal-open { overflow: hidden; }
  .backdrop { position: fixed; inset: 0; background: rgba(0, 0, 0, 0.6); z-index: 9998; }
  .donate-modal { position: fixed; top: 10%; left: 50%; transform: translateX(-50%); width: 480px; background: #fff; padding: 24px; z-index: 9999; }
  footer { padding: 24px; color: #666; }
  .entry { border-top: 1px solid #ddd; padding: 8px 0; }
  .clock { font: 14px monospace; }
`;

/** The modal, inserted by the page's script after `delayMs` (with the scroll lock and a backdrop). */
function modalScript(delayMs: number): string {
  return `<script>
setTimeout(function () {
  document.body.classList.add('modal-open');
  var backdrop = document.createElement('div');
  backdrop.className = 'backdrop';
  document.body.appendChild(backdrop);
  var m = document.createElement('div');
  m.className = 'donate-modal';
  m.setAttribute('role', 'dialog');
  m.setAttribute('aria-modal', 'true');
  var h = document.createElement('h2'); h.textContent = ${JSON.stringify(MODAL_TEXT)}; m.appendChild(h);
  var p = document.createElement('p'); p.textContent = 'Our newsroom is funded by readers like you. Please donate today: every gift keeps our reporting open to all.'; m.appendChild(p);
  [5, 10, 25].forEach(function (n) { var a = document.createElement('a'); a.href = '/donate?amount=' + n; a.textContent = '$' + n; m.appendChild(a); m.appendChild(document.createTextNode(' ')); });
  // The amount form names a control after a DOM property, as hostile pages do to trip up scripts
  // ("DOM clobbering": form.nextElementSibling becomes the input).
  var f = document.createElement('form'); f.action = '/donate';
  var trap = document.createElement('input'); trap.type = 'hidden'; trap.name = 'nextElementSibling'; f.appendChild(trap);
  var trap2 = document.createElement('input'); trap2.type = 'hidden'; trap2.name = 'parentElement'; f.appendChild(trap2);
  var b = document.createElement('button'); b.textContent = 'Donate now'; f.appendChild(b);
  m.appendChild(f);
  var c = document.createElement('button'); c.className = 'close'; c.setAttribute('aria-label', 'Close'); c.textContent = '×'; m.appendChild(c);
  document.body.appendChild(m);
  window.__modalInsertedAt = performance.now();
}, ${delayMs});
</script>`;
}

const para = (text: string): string => `<p>${text}</p>`;

/** The story page. */
export function storyPage(modalDelayMs = 1500): string {
  const [p1, p2, p3, p4, ...rest] = STORY_PARAS;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${STORY_TITLE} | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<style>${STYLE}</style>
</head>
<body>
<header class="site"><a href="/">The Harbour Times</a><nav><a href="/news/">News</a> <a href="/sport/">Sport</a> <a href="/opinion/">Opinion</a></nav></header>
<div class="ad-slot ad-slot--leaderboard" id="div-gpt-ad-1700000000000-0" data-ad-slot="leaderboard"></div>
<main>
<article class="story">
<h1>${STORY_TITLE}</h1>
<p class="byline">By Mara Lindqvist</p>
<button type="button" id="open-gallery">See the photos</button>
<div class="story-body">
${[p1, p2].map(para).join('\n')}
<div class="ad-slot" id="div-gpt-ad-1700000000000-1"></div>
${[p3, p4].map(para).join('\n')}
<aside class="support-box contribute-box"><h3>${APPEAL_TEXT}</h3><p>The Harbour Times is funded by its readers. If you value this reporting, please make a donation today.</p><a class="button" href="/donate">Donate</a></aside>
${rest.map(para).join('\n')}
</div>
</article>
<section class="newsletter-signup"><h3>${NEWSLETTER_TEXT}</h3><form action="/newsletter/subscribe" method="post"><input type="email" name="email" placeholder="Your e-mail address"><input type="hidden" name="parentElement" value="x"><input type="hidden" name="localName" value="x"><button>Sign up</button></form></section>
</main>
<footer><p>© The Harbour Times</p></footer>
${modalScript(modalDelayMs)}
<script>
// A photo gallery the reader opens: a full-window modal, made on the click.
document.getElementById('open-gallery').addEventListener('click', function () {
  var g = document.createElement('div');
  g.className = 'gallery-modal';
  g.setAttribute('role', 'dialog');
  g.setAttribute('aria-modal', 'true');
  g.setAttribute('style', 'position: fixed; inset: 0; z-index: 10000; background: #111; color: #fff; padding: 40px');
  var h = document.createElement('h2'); h.textContent = 'The bridge at dawn (1 of 12)'; g.appendChild(h);
  var c = document.createElement('button'); c.textContent = 'Close gallery'; g.appendChild(c);
  document.body.appendChild(g);
});
</script>
</body>
</html>`;
}

/**
 * The live blog: an entry every 100 ms, a clock updated every 16 ms, the modal at `modalAtMs`; all of
 * it stops after `runMs` (the page never loops forever).
 */
export function liveBlogPage(modalAtMs = 30_000, runMs = 60_000): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Live: harbour bridge reopening, as it happened | The Harbour Times</title>
<style>${STYLE}</style>
</head>
<body>
<header class="site"><a href="/">The Harbour Times</a><span class="clock" id="clock">00:00.000</span></header>
<main>
<article class="story live">
<h1>Live: harbour bridge reopening</h1>
<p class="byline">By the Harbour Times newsroom</p>
<div class="story-body" id="entries">
${STORY_PARAS.slice(0, 4).map(para).join('\n')}
</div>
</article>
</main>
${modalScript(modalAtMs)}
<script>
(function () {
  var started = performance.now();
  var entries = document.getElementById('entries');
  var clock = document.getElementById('clock');
  var n = 0;
  var lines = ${JSON.stringify(STORY_PARAS)};
  var entryTimer = setInterval(function () {
    n++;
    var e = document.createElement('div');
    e.className = 'entry';
    var t = document.createElement('time'); t.textContent = 'Update ' + n; e.appendChild(t);
    var p = document.createElement('p'); p.textContent = lines[n % lines.length]; e.appendChild(p);
    entries.insertBefore(e, entries.firstChild);
    if (performance.now() - started > ${runMs}) clearInterval(entryTimer);
  }, 100);
  var clockTimer = setInterval(function () {
    var ms = performance.now() - started;
    clock.textContent = (ms / 1000).toFixed(3);
    if (ms > ${runMs}) clearInterval(clockTimer);
  }, 16);
})();
</script>
</body>
</html>`;
}

export const LAYER_TEXT = 'Continue reading in our free app';

/**
 * The same story, nagging the other common way: a full-window layer that is in the page from the start
 * but hidden, shown 1.5 s after load by a class on <body> (no modal markup, no dialog role: only its
 * layout says what it is), and the scroll lock that keeps the reader's place (`position: fixed` with a
 * negative `top` on <body>).
 */
export function layerStoryPage(delayMs = 1500): string {
  return storyPage(24 * 3600 * 1000)
    .replace('</style>', `  .app-layer { display: none; }
  body.app-wall { position: fixed; top: -200px; width: 100%; }
  body.app-wall .app-layer { display: block; position: fixed; top: 0; left: 0; right: 0; bottom: 0; z-index: 2147483647; background: rgba(255, 255, 255, 0.97); padding: 20vh 10vw; }
</style>`)
    .replace('<footer>', `<div class="app-layer"><h2>${LAYER_TEXT}</h2><p>Stories load faster in the app.</p><a href="/app">Open the app</a></div>\n<footer>`)
    .replace('</body>', `<script>
setTimeout(function () { window.scrollTo(0, 200); document.body.classList.add('app-wall'); window.__modalInsertedAt = performance.now(); }, ${delayMs});
</script>
</body>`);
}

export const DIALOG_TEXT = 'Readers like you keep the Harbour Times free';

/**
 * The story nagging through the browser's own modal: a `<dialog>` opened with `showModal()` 1.5 s after
 * load (which makes the rest of the page inert, whether the dialog is displayed or not), and the
 * in-article appeal shown with an inline `display: block !important` (which outranks any stylesheet).
 */
export function dialogStoryPage(delayMs = 1500): string {
  return storyPage(24 * 3600 * 1000)
    .replace('<aside class="support-box contribute-box">', '<aside class="support-box contribute-box" style="display: block !important; border: 2px solid #c00">')
    .replace('<footer>', `<dialog class="give-dialog"><h2>${DIALOG_TEXT}</h2><p>Please make a donation today: every contribution keeps our reporting open to all.</p><a href="/donate">Donate now</a> <button type="button" class="close" aria-label="Close">×</button></dialog>\n<footer>`)
    .replace('</body>', `<script>
setTimeout(function () { document.querySelector('.give-dialog').showModal(); window.__modalInsertedAt = performance.now(); }, ${delayMs});
</script>
</body>`);
}

export const SHADOW_BANNER_TEXT = 'We value your privacy';

/**
 * The story with a consent banner drawn the way web-component consent managers and ad-block walls
 * draw theirs: a custom element with an open shadow root, added 1.5 s after load, whose fixed box is
 * rendered into the shadow tree a moment later, with the page's scroll locked on <html>. Nothing of
 * it is in the page's own tree: no text, no class, no size on the host. A `closed` root is out of
 * reach of page scripts (and of `element.shadowRoot`); the box stays reachable to the test through
 * `window.__consentBox`.
 */
export function shadowBannerStoryPage(delayMs = 1500, mode: 'open' | 'closed' = 'open'): string {
  return storyPage(24 * 3600 * 1000).replace('</body>', `<script>
customElements.define('harbour-consent', class extends HTMLElement {
  constructor() { super(); this._root = this.attachShadow({ mode: '${mode}' }); }
  connectedCallback() {
    var root = this._root;
    setTimeout(function () {
      root.innerHTML = '<style>.box { position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483647; background: #fff; padding: 24px 10vw; box-shadow: 0 -2px 12px rgba(0,0,0,.3); }</style>' +
        '<div class="box" role="dialog" aria-modal="true"><h2>${SHADOW_BANNER_TEXT}</h2><p>We use cookies and similar technologies to measure our audience and show you relevant ads. You can accept all or choose your settings.</p>' +
        '<button>Accept all</button> <button>Reject all</button> <button>Cookie settings</button></div>';
      document.documentElement.style.overflow = 'hidden';
      window.__consentBox = root.querySelector('.box');
      window.__modalInsertedAt = performance.now();
    }, 60);
  }
});
setTimeout(function () { document.body.appendChild(document.createElement('harbour-consent')); }, ${delayMs});
</script>
</body>`);
}
