/**
 * The article page a hostile vector is planted in, for the XSS suites (jsdom and real browser): a
 * plain news story long enough for Readability, with the vector inside a paragraph of the article and
 * again inside a donation appeal (so it also reaches the ledger's HTML). Text markers around each
 * copy let a suite tell whether the vector's markup was still there when the sanitiser ran.
 */

export const ARTICLE_TITLE = 'Harbour town votes on a new sea wall';
export const ARTICLE_IMAGE = '/img/harbour-dawn.jpg';

/** Markers around the copy in the article paragraph and around the copy in the appeal. */
export const MARK = { articleStart: 'VEC-ART-START', articleEnd: 'VEC-ART-END', nagStart: 'VEC-NAG-START', nagEnd: 'VEC-NAG-END' } as const;

const PROSE = [
  'The council of the small harbour town met on Tuesday evening to decide whether to build a new sea wall along the eastern quay, after two winters of storms flooded the fish market and the lifeboat station.',
  'Engineers told the meeting that the old stone wall, built more than a century ago, has shifted by almost forty centimetres since the last survey, and that repairs alone would not keep out a spring tide driven by an easterly gale.',
  'Fishing families in the front rows said the wall would protect their livelihoods, while several shop owners worried about the cost and about months of building work on the only road into the old town during the summer season.',
  'The mayor said the town would apply for a regional grant that could cover most of the cost, and promised that the quay would stay open to boats and visitors for the whole of the construction period.',
  'A final decision on the design is expected in the autumn, once the engineers have finished a study of the currents at the mouth of the harbour and the council has heard from residents at two more public meetings.',
];

/** The page, with `payload` planted twice. `sentinel` names the page (the browser suite's per-vector id). */
export function articlePage(payload: string, sentinel = 'decant'): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${ARTICLE_TITLE}</title>
<meta name="description" content="The council debated a new sea wall after winter floods.">
</head><body data-sentinel="${sentinel}">
<header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
<main><article>
<h1>${ARTICLE_TITLE}</h1>
<p class="byline">By Mara Quayle</p>
<figure><img src="${ARTICLE_IMAGE}" alt="The harbour at dawn" width="800" height="500"><figcaption>The harbour at dawn. Photo: Test Agency</figcaption></figure>
<p>${PROSE[0]}</p>
<p>${PROSE[1]}</p>
<p>${PROSE[2]}</p>
<p>One councillor, who asked the chamber to listen, read a letter from a resident: ${MARK.articleStart} ${payload} ${MARK.articleEnd} and the room fell quiet before the vote.</p>
<p>${PROSE[3]}</p>
<div class="contribute-banner"><h3>Support our journalism</h3><p>Readers like you keep local news alive. ${MARK.nagStart} ${payload} ${MARK.nagEnd}</p><a href="/donate">Donate now</a></div>
<p>${PROSE[4]}</p>
</article></main>
<footer><p>© Harbour Gazette</p></footer>
</body></html>`;
}
