/**
 * A page whose article lives in a shadow root (declarative shadow DOM: the parser attaches it, no
 * script needed), as on sites built from web components: the story's own paragraphs in the shadow
 * tree, more of them from the light DOM through a <slot>, a light child no slot takes (the reader
 * never sees it), a slot's fallback that is not shown (something is assigned to it), and a donation
 * appeal inside the component. A copy of the page (cloneNode) has none of the shadow tree: the popup
 * must show the story as the reader sees it. Shared by the Chromium and Firefox tests and the command line's.
 */
import { expect } from 'vitest';
import { norm } from './helpers';

const STORY = [
  'The harbour authority voted on Tuesday to close the old ferry terminal by the end of next year, ending more than a century of crossings from the western pier.',
  'Officials said the building had been surveyed twice since the storm of 2019 and that repairs would cost more than a new terminal on the northern quay.',
  'Ferry operators welcomed the decision but asked for a timetable, saying their crews needed at least six months to learn the approaches to the new berths.',
];
const SLOTTED = [
  'Residents of the western district, many of whom use the ferry to reach work on the far shore, packed the public gallery for the vote.',
  'A petition to keep the terminal open as a museum has gathered about four thousand signatures, its organisers said after the meeting.',
];

export const webComponentPage = (mode: 'open' | 'closed'): string => `<!DOCTYPE html><html lang="en"><head><title>Old ferry terminal to close</title></head><body>
<header><a href="/">The Harbour Gazette</a></header>
<harbour-story>
  <template shadowrootmode="${mode}">
    <article>
      <h1>Old ferry terminal to close</h1>
      <p class="byline">By Ana Ruiz</p>
      ${STORY.slice(0, 2).map((s) => `<p>${s}</p>`).join('\n      ')}
      <div class="contribute-banner"><p>Support independent journalism. Donate now and keep the Gazette free for everyone.</p><a href="/donate">Donate</a></div>
      <p>${STORY[2]}</p>
      <slot name="more"><p>No more paragraphs.</p></slot>
    </article>
  </template>
  ${SLOTTED.map((s) => `<p slot="more">${s}</p>`).join('\n  ')}
  <p>This light paragraph has no slot to go to, so the reader never sees it on the page.</p>
</harbour-story>
</body></html>`;

/** `text` (normalised) is the story as the reader sees it: every paragraph, in order, and nothing hidden or nagging. */
export function expectComposedStory(text: string): void {
  for (const s of [...STORY, ...SLOTTED]) expect(text).toContain(norm(s));
  // In the reader's order: the slotted paragraphs come after the component's own.
  expect(text.indexOf(norm(SLOTTED[0]))).toBeGreaterThan(text.indexOf(norm(STORY[2])));
  expect(text).not.toContain('no more paragraphs');
  expect(text).not.toContain('has no slot to go to');
  expect(text).not.toContain('donate now');
}
