// @vitest-environment jsdom
// The views' toast (src/views/actions.ts): long enough on screen to be read, and heard by a screen
// reader from the first message on.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { toast } from '../src/views/actions';

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
});
afterEach(() => vi.useRealTimers());

const shown = (): boolean => !!document.getElementById('toast')?.classList.contains('visible');

test('a long error stays up long enough to read (about 15 characters a second), a short note goes after a moment', () => {
  const error = "Could not save the setting: The browser has no room left for Decant's settings, so this change was not saved (QUOTA_BYTES_PER_ITEM quota exceeded). Turn auto-clean off for sites you no longer need, then try again. The settings already saved are unchanged.";
  toast(error, 'error');
  vi.advanceTimersByTime(100);
  expect(document.getElementById('toast')!.textContent).toBe(error);
  vi.advanceTimersByTime(Math.ceil((error.length / 15) * 1000) - 100);
  expect(shown()).toBe(true);
  vi.advanceTimersByTime(60_000);
  expect(shown()).toBe(false);

  toast('Copied as text (2.1 KB)');
  vi.advanceTimersByTime(3_000);
  expect(shown()).toBe(false);
});

test('the first message is written into a live region already on the page (a region added with its text is often not read out); errors are assertive', () => {
  toast('Saved to your library');
  const region = document.getElementById('toast')!;
  expect(region.getAttribute('role')).toBe('status');
  expect(region.textContent).toBe('');
  vi.advanceTimersByTime(100);
  expect(region.textContent).toBe('Saved to your library');
  expect(region.getAttribute('aria-live')).toBe('polite');
  toast('Could not copy: denied', 'error');
  vi.advanceTimersByTime(100);
  expect([region.textContent, region.getAttribute('aria-live')]).toEqual(['Could not copy: denied', 'assertive']);
});
