// The saved library (issue 6 §2): JSONL and ZIP exports import back identical to what was saved,
// duplicates (same URL and text) are recognised, search and tags work, and a storage failure leaves
// what was saved untouched, with a clear message. IndexedDB is fake-indexeddb here; the real thing
// runs in test/e2e/library.test.ts.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { describe, expect, test, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8, zipSync, strToU8 } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { JSDOM } from 'jsdom';
import { convert } from '../../src/cli/convert';
import { Library, LibraryError, toLibraryError } from '../../src/library/store';
import { matchesQuery, newEntry, type LibraryEntry } from '../../src/library/entry';
import { parseLibraryFile, toJsonl, toZip, type Manifest } from '../../src/library/bundle';
import { renderRecord } from '../../src/export/formats';
import { ROOT, SAMPLE, SHARED } from '../helpers';
import { decant } from '../cli-lib';
import { outcomeOfEntry, recordOf } from '../../src/views/record';
import { schemaErrors } from '../schema';

const page = (file: string, url?: string) => {
  const c = convert({ bytes: new Uint8Array(fs.readFileSync(file)), url, capturedAt: '2024-03-01T10:00:00.000Z' });
  c.close();
  return { record: c.record, citation: c.result.citation ?? null };
};
const sample = page(SAMPLE, 'https://www.themoscowtimes.com/2019/03/30/us-warns-russia-over-troops-in-venezuela-threatens-sanctions-a64998');
const journal = page(path.join(ROOT, 'test', 'export', 'pages', 'journal-article-doi.html'));
const italian = page(path.join(SHARED, 'nags', 'it-pasta-e-ceci.html'), 'https://example.it/ricette/pasta-e-ceci');
const doc = new JSDOM('').window.document;

async function fresh(): Promise<Library> {
  return Library.open(new IDBFactory());
}

async function filled(): Promise<{ lib: Library; saved: LibraryEntry[] }> {
  const lib = await fresh();
  const tick = () => new Promise((r) => setTimeout(r, 3)); // distinct savedAt times
  await lib.save(sample.record, sample.citation, ['russia', 'Venezuela']);
  await tick();
  await lib.save(journal.record, journal.citation, ['ecology']);
  await tick();
  await lib.save(italian.record, italian.citation);
  await lib.setTags((await lib.list()).find((e) => e.record.title === italian.record.title)!.id, ['recipes, italian', ' recipes ']);
  return { lib, saved: await lib.list() };
}

describe('saving', () => {
  test('Save stores the record as exported, and a second Save of the same article is a duplicate', async () => {
    const lib = await fresh();
    const first = await lib.save(sample.record, sample.citation);
    expect(first.status).toBe('saved');
    expect(first.entry.record).toEqual(sample.record);
    expect(schemaErrors(first.entry.record)).toEqual([]);
    const again = await lib.save({ ...sample.record, provenance: { ...sample.record.provenance, processedAt: new Date().toISOString() } }, sample.citation);
    expect(again.status).toBe('duplicate');
    expect(await lib.list()).toHaveLength(1);
    // Same address, new text (the article was updated): a new entry.
    const updatedText = `${sample.record.text}\n\nUpdate: a correction.`;
    const updated = { ...sample.record, text: updatedText, provenance: { ...sample.record.provenance, sha256Text: (await import('../../src/export/record')).sha256Hex(updatedText) } };
    expect((await lib.save(updated)).status).toBe('saved');
    expect(await lib.list()).toHaveLength(2);
  });

  test('lists newest first; tags are trimmed and de-duplicated; delete removes', async () => {
    const { lib, saved } = await filled();
    expect(saved.map((e) => e.record.title)).toEqual([italian.record.title, journal.record.title, sample.record.title]);
    expect(saved[0].tags).toEqual(['recipes', 'italian']);
    await lib.remove([saved[1].id]);
    expect((await lib.list()).map((e) => e.id)).toEqual([saved[0].id, saved[2].id]);
  });

  test('search finds titles and text, ignoring case and accents; #tag finds tags', async () => {
    const { saved } = await filled();
    const find = (q: string) => saved.filter((e) => matchesQuery(e, q)).map((e) => e.record.siteName);
    expect(find('hedgerows')).toEqual([journal.record.siteName]);
    expect(find('BOLTON venezuela')).toEqual([sample.record.siteName]);
    expect(find('#ecology')).toEqual([journal.record.siteName]);
    expect(find('#eco')).toEqual([]);
    expect(find('')).toHaveLength(3);
    expect(find('nothing-like-this')).toEqual([]);
  });

  describe('searching with several words and multi-word tags: every word must match, in the title, site, byline, tags, excerpt or text', () => {
    const at = (title: string, tags: string[], text: string, excerpt: string | null = null) => newEntry({ ...sample.record, title, text, excerpt }, null, tags);
    const entries = [
      at('One', ['climate policy', 'energy'], 'Wind farms grew.'),
      at('Two', ['climate'], 'Rain fell on the farms.'),
      at('Three', ['policy', 'Climate'], 'Taxes rose.'),
      at('Four', [], 'The climate of the policy debate changed.'),
      at('Five', [], 'Nothing here.', 'A summary about climate policy in Europe.'),
    ];
    const find = (q: string) => entries.filter((e) => matchesQuery(e, q)).map((e) => e.record.title);

    test('a multi-word tag is found by its words, with or without #, and exactly in quotes', () => {
      expect(find('#climate policy')).toEqual(['One', 'Three']);
      expect(find('#"climate policy"')).toEqual(['One']);
      expect(find('#"Climate  Policy"')).toEqual(['One']);
      expect(find('#policy')).toEqual(['One', 'Three']);
      expect(find('#energy #climate')).toEqual(['One']);
    });

    test('two tags: articles tagged with both', () => {
      expect(find('#climate #policy')).toEqual(['One', 'Three']);
      expect(find('#energy #policy')).toEqual(['One']);
    });

    test('plain words match anywhere, the excerpt included; a quoted phrase must occur as written', () => {
      expect(find('climate policy')).toEqual(['One', 'Three', 'Four', 'Five']);
      expect(find('"climate policy"')).toEqual(['One', 'Five']);
      expect(find('europe')).toEqual(['Five']);
    });

    test('while a quote is still being typed, the list narrows as it would once closed', () => {
      expect(find('#"climate pol')).toEqual(['One']);
      expect(find('"climate pol')).toEqual(['One', 'Five']);
    });
  });
});

describe('JSONL export and import', () => {
  test('every line validates against the schema, and imports back identical into a fresh library', async () => {
    const { saved } = await filled();
    const jsonl = toJsonl(saved);
    const lines = jsonl.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(schemaErrors(l)).toEqual([]);
    const parsed = parseLibraryFile(new TextEncoder().encode(jsonl));
    expect(parsed.problems).toEqual([]);
    const other = await fresh();
    const result = await other.importEntries(parsed.entries);
    expect(result.added).toHaveLength(3);
    expect(await other.list()).toEqual(saved);
  });

  test('duplicates are recognised by URL and text; bad lines are reported, good ones kept', async () => {
    const { lib, saved } = await filled();
    const tampered = { ...saved[0].record, text: 'Someone edited this text.' };
    const jsonl = [toJsonl(saved).trim(), 'not json', JSON.stringify(tampered), JSON.stringify({ input: { kind: 'file', id: 'x' }, error: { kind: 'no-article', message: 'x' } })].join('\n');
    const parsed = parseLibraryFile(new TextEncoder().encode(jsonl));
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.problems).toEqual(['Line 4 is not JSON.', 'Line 5 was skipped: its text does not match its sha256Text (the file was changed).', 'Line 6 was skipped: it is a failed batch record (no article).']);
    const result = await lib.importEntries(parsed.entries);
    expect(result.added).toHaveLength(0);
    expect(result.duplicates).toHaveLength(3);
    expect(await lib.list()).toEqual(saved);
  });

  test('batch output (decant batch JSONL) imports too', () => {
    const line = JSON.stringify({ input: { kind: 'file', id: 'a.html' }, ...sample.record });
    const parsed = parseLibraryFile(new TextEncoder().encode(`${line}\n`));
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries[0].record).toEqual(sample.record);
    expect(parsed.entries[0].tags).toEqual([]);
  });
});

describe('the reader view of a saved copy', () => {
  test('exports the record as it was saved: the provenance is the original run\'s, not the export\'s', async () => {
    // reader.html?saved=… rebuilt a record from the entry at each export: processedAt became the
    // time of the export, and a record without capture time (the CLI's, an import) was given the
    // time it was saved as its capturedAt.
    const cli = { ...journal.record, provenance: { ...journal.record.provenance, capturedAt: null, processedAt: '2021-06-16T08:00:00.000Z' } };
    const entry = newEntry(cli, journal.citation, [], new Date('2024-05-01T12:00:00Z'));
    const { window } = new JSDOM('');
    const exported = await recordOf(outcomeOfEntry(entry), window as unknown as Window & typeof globalThis);
    expect(exported.provenance).toEqual(cli.provenance);
    expect(exported).toEqual(entry.record);
  });
});

describe('a JSON file of export records (decant --format json) imports too', () => {
  test('the CLI\'s pretty-printed record reads back as the same record', () => {
    const r = decant([SAMPLE, '--format', 'json']);
    expect(r.status).toBe(0);
    const parsed = parseLibraryFile(new TextEncoder().encode(r.stdout));
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0].record).toEqual(JSON.parse(r.stdout));
  });

  test('a journal page\'s record keeps its citation (DOI, journal, volume, pages): imported, its BibTeX still cites them', () => {
    const r = decant([path.join(ROOT, 'test', 'export', 'pages', 'journal-article-doi.html'), '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).citation).toEqual(journal.citation);
    for (const text of [r.stdout, `${JSON.stringify({ input: { kind: 'file', id: 'j.html' }, ...JSON.parse(r.stdout) })}\n`]) {
      const [entry] = parseLibraryFile(new TextEncoder().encode(text)).entries;
      expect(entry.citation).toEqual(journal.citation);
      const bib = renderRecord(entry.record, 'bib', { doc, citation: entry.citation });
      expect(bib).toContain('10.5555/eco.2021.0042');
      expect(bib).toMatch(/journal = \{/);
    }
    // A ZIP's record file on its own (no manifest) keeps it too.
    const zipped = zipSync({ 'a.json': strToU8(r.stdout) });
    expect(parseLibraryFile(zipped).entries[0].citation).toEqual(journal.citation);
  });

  test('an array of records: each one, and a sentence for each item that is not a record', () => {
    const json = JSON.stringify([sample.record, { title: 'not a record' }, journal.record, { ...sample.record, contentHtml: undefined }], null, 2);
    const parsed = parseLibraryFile(new TextEncoder().encode(json));
    expect(parsed.entries.map((e) => e.record)).toEqual([sample.record, journal.record]);
    expect(parsed.problems).toEqual(['Item 2 was skipped: it is not a Decant export record.', 'Item 4 was skipped: "contentHtml" is missing.']);
  });
});

describe('ZIP export and import', () => {
  test('has a Markdown and a JSON file per article and a manifest; reads back identical', async () => {
    const { saved } = await filled();
    const zip = toZip(saved, doc, undefined, new Date('2024-03-02T00:00:00Z'));
    const files = unzipSync(zip);
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(7);
    const manifest = JSON.parse(strFromU8(files['manifest.json'])) as Manifest;
    expect(manifest).toMatchObject({ format: 'decant-library', version: 1, count: 3 });
    for (const a of manifest.articles) {
      const record = JSON.parse(strFromU8(files[a.json]));
      expect(schemaErrors(record)).toEqual([]);
      const md = strFromU8(files[a.markdown]);
      const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(md)![1]);
      expect(front.provenance.sha256Text).toBe(record.provenance.sha256Text);
      expect(md).toContain(`# ${record.title}`);
      expect(a.json).toMatch(/^\d{4}-\d{2}-\d{2}-[\p{L}\p{N}-]+-[0-9a-f]{7}\.json$/u);
    }
    expect(manifest.articles.find((a) => a.title === journal.record.title)!.citation).toMatchObject({ doi: '10.5555/eco.2021.0042' });
    const parsed = parseLibraryFile(zip);
    expect(parsed.problems).toEqual([]);
    const other = await fresh();
    await other.importEntries(parsed.entries);
    expect(await other.list()).toEqual(saved);
  });

  test('a ZIP that is not Decant\'s, or a damaged file, gets a sentence, not a crash', () => {
    expect(parseLibraryFile(zipSync({ 'manifest.json': strToU8('{"format":"other"}') })).problems).toEqual(["This ZIP is not a Decant library export (its manifest.json says otherwise)."]);
    expect(parseLibraryFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).problems[0]).toMatch(/^The ZIP file could not be read/);
    expect(parseLibraryFile(new Uint8Array([0xff, 0xfe, 0x00])).problems[0]).toMatch(/neither a ZIP nor UTF-8 JSON or JSONL/);
    expect(parseLibraryFile(new Uint8Array()).problems).toEqual(['The file is empty.']);
    // Somebody else's ZIP (photos, a site backup): said so, not an import of nothing without a word.
    expect(parseLibraryFile(zipSync({ 'photo.jpg': new Uint8Array([1, 2, 3]), 'notes.txt': strToU8('hello') }))).toEqual({ entries: [], problems: ['This ZIP holds no Decant records (no manifest.json and no .json file): Decant imports its own library exports.'] });
  });
});

/** The same article saved from another address: a new entry. */
const elsewhere = (record: typeof sample.record, url: string): typeof sample.record => ({ ...record, url, canonicalUrl: url, provenance: { ...record.provenance, url, canonicalUrl: url } });

describe('storage failures', () => {
  test('quota and blocked storage become clear sentences', () => {
    const quota = toLibraryError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'saving the article');
    expect(quota).toBeInstanceOf(LibraryError);
    expect(quota.kind).toBe('quota');
    expect(quota.message).toContain('no room left');
    expect(quota.message).toContain('Nothing already saved was lost');
    const blocked = toLibraryError(new DOMException('The user denied permission to access the database.', 'SecurityError'), 'opening the library');
    expect(blocked.kind).toBe('blocked');
    expect(blocked.message).toContain('private windows');
  });

  test('storage quota exhausted while saving: a clear error, nothing already saved damaged, no half import', async () => {
    const { lib, saved } = await filled();
    const realAdd = FakeObjectStore.prototype.add;
    let adds = 0;
    // The browser refuses the second write of the transaction for want of room (as IndexedDB does, by throwing).
    const spy = vi.spyOn(FakeObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (++adds === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realAdd.apply(this, args);
    });
    try {
      const other = await fresh();
      const first = newEntry(elsewhere(journal.record, 'https://journal.example/a'), journal.citation);
      const second = newEntry(elsewhere(sample.record, 'https://news.example/b'));
      await expect(lib.importEntries([first, second])).rejects.toThrow(
        "The browser has no room left for Decant's library, so the import did not happen. Delete some saved articles or free disk space, then try again. Nothing already saved was lost.",
      );
      expect(await lib.list()).toEqual(saved);
      adds = 1; // the next add is refused
      await expect(lib.save(elsewhere(italian.record, 'https://example.it/other'))).rejects.toThrow(/no room left for Decant's library, so saving the article did not happen/);
      expect(await lib.list()).toEqual(saved);
      expect(await other.list()).toEqual([]);
    } finally {
      spy.mockRestore();
    }
    // With room again, saving works and keeps everything.
    await lib.save(elsewhere(italian.record, 'https://example.it/other'));
    expect(await lib.list()).toHaveLength(saved.length + 1);
  });

  test('an import that fails half-way adds nothing and loses nothing', async () => {
    const { lib, saved } = await filled();
    const other = await fresh();
    const good = newEntry(journal.record, journal.citation);
    // A value IndexedDB cannot store (a function) fails the transaction after the first add.
    const bad = { ...newEntry({ ...sample.record, title: 'x' }), citation: (() => 1) as unknown as null, id: 'zz-bad' };
    await expect(other.importEntries([good, bad])).rejects.toBeInstanceOf(LibraryError);
    expect(await other.list()).toEqual([]);
    await expect(lib.importEntries([bad])).rejects.toThrow(/Nothing already saved was lost/);
    expect(await lib.list()).toEqual(saved);
  });
});

describe('save all open tabs', () => {
  test('asks for exactly the open tabs\' sites, and names the tabs no extension may read', async () => {
    const { planOpenTabs } = await import('../../src/library/open-tabs');
    const plan = planOpenTabs(
      [
        { id: 1, url: 'https://www.example.org/a', title: 'A' },
        { id: 2, url: 'https://www.example.org/b?x=1', title: 'B' },
        { id: 3, url: 'http://news.example.net:8080/c', title: 'C' },
        { id: 4, url: 'chrome://settings/', title: 'Settings' },
        { id: 5, url: 'https://chromewebstore.google.com/detail/x', title: 'Store' },
        { id: 6, url: 'chrome-extension://abc/library.html', title: 'Decant library' },
        { id: 7, title: 'No URL' },
        { url: 'https://no-id.example/', title: 'No id' },
      ],
      'chrome-extension://abc/',
    );
    expect(plan.origins).toEqual(['http://news.example.net/*', 'https://www.example.org/*']);
    expect(plan.readable.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(plan.restricted.map((t) => t.title)).toEqual(['Settings', 'Store', 'No URL']);
    expect(plan.restricted[1].why).toMatch(/add-on store/);
  });
});
