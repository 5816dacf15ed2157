// Saved pages that keep web components' shadow trees as declarative shadow DOM (`<template
// shadowrootmode>`, as SingleFile saves them): the command line reads the story as a browser shows it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { decant, tempDir } from './cli-lib';
import { norm } from './helpers';
import { expectComposedStory, webComponentPage } from './web-component-page';

const dir = tempDir('dsd');
const run = (name: string, html: string, format = 'txt'): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, html);
  const r = decant([file, '--format', format]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
};

describe('declarative shadow DOM in saved pages', () => {
  test.each(['open', 'closed'] as const)('a %s root: the story as the reader sees it, slotted paragraphs in place, the appeal in the ledger', (mode) => {
    expectComposedStory(norm(run(`${mode}.html`, webComponentPage(mode))));
    const record = JSON.parse(run(`${mode}-json.html`, webComponentPage(mode), 'json')) as { removed: { category: string }[] };
    expect(record.removed.filter((e) => e.category === 'donation')).toHaveLength(1);
  });

  test('a root inside a root, and a default slot taking the unnamed light nodes', () => {
    const para = (s: string): string => `<p>${s} ${'The council will publish the survey and the costs of both options before the next meeting in the spring. '.repeat(2)}</p>`;
    const html = `<!DOCTYPE html><html lang="en"><head><title>Quay works</title></head><body>
<story-page><template shadowrootmode="open"><main><h1>Quay works</h1>${para('Outer shadow paragraph.')}
  <story-body><template shadowrootmode="open"><section>${para('Inner shadow paragraph.')}<slot></slot></section></template>${para('Slotted into the inner root.')}</story-body>
  <slot name="tail"></slot></main></template>
  ${para('Light paragraph for the outer tail slot.').replace('<p>', '<p slot="tail">')}
</story-page></body></html>`;
    const text = norm(run('nested.html', html));
    const order = ['outer shadow paragraph.', 'inner shadow paragraph.', 'slotted into the inner root.', 'light paragraph for the outer tail slot.'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('a template that is not a shadow root stays inert', () => {
    const html = webComponentPage('open').replace('<harbour-story>', '<template><p>Template text nobody sees.</p></template><harbour-story>');
    expect(norm(run('inert.html', html))).not.toContain('template text nobody sees');
  });
});
