/**
 * The article's own title heading, which the exports leave out when they write the title above the
 * article (Markdown's `# title`, the standalone page's header). Readability removes one heading like
 * the title; on a page with another (a heading in the site's top bar), the article's `<h1>` stays in
 * contentHtml, where the core marks it `data-decant-role="title"`.
 */
import { DECANT_ROLE_ATTR } from '../core/html';

/** Remove the headings marked as the title from an article's DOM. */
export function removeTitleHeadings(root: Element): void {
  for (const el of Array.from(root.querySelectorAll(`[${DECANT_ROLE_ATTR}="title"]`))) el.remove();
}
