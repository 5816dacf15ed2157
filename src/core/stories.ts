/**
 * Other stories that Readability took along with the article. A WordPress page names its own post in
 * the body class (`postid-1806`) and each post block in its id (`article#post-7816`); when the
 * extracted content holds post blocks of other ids that do not hold the article's first paragraph of
 * prose, they are teasers of other stories (a "more posts" loop under the article), not its text.
 *
 * Two kinds of evidence agree for each: markup (a post block of another id than the page's) and
 * structure (it stands beside the main story, not around it). They go in the ledger as `related`.
 * This step is not part of the safety valve's budget: a loop of ten teasers is often longer than
 * the article it follows, and taking it is the point.
 */
import { collapse } from './dom';
import type { Signal } from './rules/types';

const PAGE_POST_ID = /(?:^|\s)(?:postid|page-id)-(\d+)(?:\s|$)/;
const BLOCK_POST_ID = /^(?:post|page)-(\d+)$/;

/** The post ids a page says it shows: WordPress's `postid-N` / `page-id-N` body classes. */
export function pagePostIds(body: Element): Set<string> {
  const out = new Set<string>();
  const m = PAGE_POST_ID.exec(body.getAttribute('class') ?? '');
  if (m) out.add(m[1]);
  return out;
}

export interface OtherStory {
  el: Element;
  signals: Signal[];
}

/** Post blocks of other ids beside the main story, outermost first. */
export function findOtherStories(content: Element, pageIds: ReadonlySet<string>): OtherStory[] {
  if (!pageIds.size) return [];
  const firstProse = findFirstProse(content);
  if (!firstProse) return [];
  const out: OtherStory[] = [];
  for (const el of Array.from(content.getElementsByTagName('*'))) {
    const id = el.getAttribute('id');
    if (!id) continue;
    const m = BLOCK_POST_ID.exec(id);
    if (!m || pageIds.has(m[1])) continue;
    if (el.contains(firstProse) || out.some((o) => o.el.contains(el))) continue;
    out.push({
      el,
      signals: [
        { kind: 'markup', what: `another post (#${id}) on the page of post ${[...pageIds].join(', ')}` },
        { kind: 'structure', what: 'beside the article’s own text, not around it' },
      ],
    });
  }
  return out;
}

function findFirstProse(root: Element): Element | null {
  for (const p of Array.from(root.getElementsByTagName('p'))) {
    const raw = p.textContent ?? '';
    if (raw.length >= 120 && collapse(raw).length >= 120) return p;
  }
  return null;
}
