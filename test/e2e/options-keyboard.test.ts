// The options page from the keyboard in real Chromium: "Import settings…" is a label for a hidden
// file input, so Tab lands on the input; the label must show that focus (before, nothing on the page
// looked focused while Enter would open the file picker).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, settled, type Session } from './chromium';

let session: Session;

beforeAll(async () => {
  session = await launch();
}, 120_000);

afterAll(async () => {
  await session?.close();
});

test('Tab onto "Import settings…" shows a focus ring on it', async () => {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  expect(await settled(page)).toBe('ready');
  await page.focus('[data-action="export"]');
  await page.keyboard.press('Tab');
  const seen = await page.evaluate(() => {
    const label = document.querySelector('label[for="import-file"]')!;
    const style = getComputedStyle(label);
    return { focused: document.activeElement?.id, outline: style.outlineStyle, width: style.outlineWidth };
  });
  expect(seen).toEqual({ focused: 'import-file', outline: 'solid', width: '2px' });
  await page.close();
});
