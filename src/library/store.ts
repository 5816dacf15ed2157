/**
 * The saved library in IndexedDB, through `idb` (a small promise wrapper). Every write is one
 * transaction: when the browser refuses (storage full, storage blocked), the transaction aborts and
 * everything saved before stays as it was; the caller gets a LibraryError with a sentence to show.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ExportRecord } from '../export/record';
import type { CitationMeta } from '../core/types';
import { entryIdOf, newEntry, normaliseTags, type LibraryEntry } from './entry';

export const DB_NAME = 'decant-library';
const DB_VERSION = 1;
const STORE = 'articles' as const;

interface LibrarySchema extends DBSchema {
  articles: { key: string; value: LibraryEntry; indexes: { savedAt: string } };
}

export type LibraryErrorKind = 'quota' | 'blocked' | 'other';

export class LibraryError extends Error {
  override name = 'LibraryError';
  constructor(readonly kind: LibraryErrorKind, message: string) {
    super(message);
  }
}

/** A browser storage failure as a sentence a reader can act on. */
export function toLibraryError(e: unknown, doing: string): LibraryError {
  if (e instanceof LibraryError) return e;
  const name = (e as { name?: string })?.name ?? '';
  const detail = (e as Error)?.message ?? String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return new LibraryError('quota', `The browser has no room left for Decant's library, so ${doing} did not happen. Delete some saved articles or free disk space, then try again. Nothing already saved was lost.`);
  }
  if (['SecurityError', 'InvalidStateError', 'UnknownError', 'NotAllowedError'].includes(name) || /indexeddb|storage/i.test(detail)) {
    return new LibraryError('blocked', `The browser does not let Decant use its storage (${detail}), so ${doing} did not happen. This happens in private windows or when site data is blocked for extensions. Nothing already saved was lost.`);
  }
  return new LibraryError('other', `Decant could not finish: ${doing} failed (${detail}). Nothing already saved was lost.`);
}

/**
 * Every page of the extension hears of a change to the library, so an open library page lists an
 * article saved from the popup at once. Messages carry the sending page's id: a page skips its own.
 */
const CHANNEL = 'decant-library';
const PAGE_ID = Math.random().toString(36).slice(2);

function announce(): void {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ changed: PAGE_ID });
  channel.close();
}

/** Call `listener` when another page changed the library; returns the unsubscribe. */
export function onLibraryChanged(listener: () => void): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<{ changed?: string }>) => {
    if (e.data?.changed !== PAGE_ID) listener();
  };
  return () => channel.close();
}

export type SaveResult = { status: 'saved' | 'duplicate'; entry: LibraryEntry };
export interface ImportResult {
  added: LibraryEntry[];
  duplicates: LibraryEntry[];
}

type Tx = IDBPTransaction<LibrarySchema, ['articles'], 'readwrite'>;

/**
 * Run `work` in one read-write transaction. Any failure aborts it explicitly: an error thrown by a
 * call such as `add()` (DataCloneError, a quota refusal) does not abort the transaction by itself,
 * and it would otherwise commit the writes before it.
 */
async function inTransaction<T>(db: IDBPDatabase<LibrarySchema>, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = db.transaction(STORE, 'readwrite');
  // Keep a rejected `done` from being reported as unhandled when we abort ourselves.
  tx.done.catch(() => {});
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    throw e;
  }
}

export class Library {
  private constructor(private readonly db: IDBPDatabase<LibrarySchema>) {}

  /** Open (or create) the library. `factory` lets tests pass their own IndexedDB. */
  static async open(factory?: IDBFactory): Promise<Library> {
    const saved = globalThis.indexedDB;
    try {
      if (factory) (globalThis as { indexedDB: IDBFactory }).indexedDB = factory;
      if (!globalThis.indexedDB) throw new LibraryError('blocked', "This browser gives Decant no IndexedDB storage, so the library cannot be used. Nothing was saved.");
      const db = await openDB<LibrarySchema>(DB_NAME, DB_VERSION, {
        upgrade(db) {
          const store = db.createObjectStore(STORE, { keyPath: 'id' });
          store.createIndex('savedAt', 'savedAt');
        },
      });
      return new Library(db);
    } catch (e) {
      throw toLibraryError(e, 'opening the library');
    } finally {
      if (factory) (globalThis as { indexedDB: IDBFactory | undefined }).indexedDB = saved;
    }
  }

  close(): void {
    this.db.close();
  }

  /**
   * Every entry, newest first; with `limit`, only the newest `limit` (the library page's first screen:
   * reading all 500 records with their text takes a tenth of a second before anything is shown).
   */
  async list(limit?: number): Promise<LibraryEntry[]> {
    try {
      if (limit === undefined) return (await this.db.getAllFromIndex(STORE, 'savedAt')).reverse();
      const out: LibraryEntry[] = [];
      for (let c = await this.db.transaction(STORE).store.index('savedAt').openCursor(null, 'prev'); c && out.length < limit; c = await c.continue()) out.push(c.value);
      return out;
    } catch (e) {
      throw toLibraryError(e, 'reading the library');
    }
  }

  /** How many entries there are. */
  async count(): Promise<number> {
    try {
      return await this.db.count(STORE);
    } catch (e) {
      throw toLibraryError(e, 'reading the library');
    }
  }

  async get(id: string): Promise<LibraryEntry | undefined> {
    try {
      return await this.db.get(STORE, id);
    } catch (e) {
      throw toLibraryError(e, 'reading the library');
    }
  }

  /** Is this record saved already (same URL and text)? */
  async has(record: ExportRecord): Promise<boolean> {
    return !!(await this.get(entryIdOf(record)));
  }

  /** Save a record; a record already saved (same URL and text) is left as it was. */
  async save(record: ExportRecord, citation: CitationMeta | null = null, tags: readonly string[] = []): Promise<SaveResult> {
    const entry = newEntry(record, citation, tags);
    try {
      const result = await inTransaction<SaveResult>(this.db, async (tx) => {
        const existing = await tx.store.get(entry.id);
        if (existing) return { status: 'duplicate', entry: existing };
        await tx.store.add(entry);
        return { status: 'saved', entry };
      });
      if (result.status === 'saved') announce();
      return result;
    } catch (e) {
      throw toLibraryError(e, 'saving the article');
    }
  }

  /**
   * Add entries read from an export (JSONL or ZIP). All or nothing: one transaction. Entries whose id
   * is in the library already are duplicates and left alone (what was saved wins).
   */
  async importEntries(entries: readonly LibraryEntry[]): Promise<ImportResult> {
    try {
      const imported = await inTransaction(this.db, async (tx) => {
        const result: ImportResult = { added: [], duplicates: [] };
        const seen = new Set<string>();
        for (const entry of entries) {
          if (seen.has(entry.id) || (await tx.store.get(entry.id))) {
            result.duplicates.push(entry);
            continue;
          }
          seen.add(entry.id);
          await tx.store.add(entry);
          result.added.push(entry);
        }
        return result;
      });
      if (imported.added.length) announce();
      return imported;
    } catch (e) {
      throw toLibraryError(e, 'the import');
    }
  }

  async setTags(id: string, tags: readonly string[]): Promise<LibraryEntry> {
    try {
      const updated = await inTransaction(this.db, async (tx) => {
        const entry = await tx.store.get(id);
        if (!entry) throw new LibraryError('other', 'That article is no longer in the library.');
        const changed = { ...entry, tags: normaliseTags(tags) };
        await tx.store.put(changed);
        return changed;
      });
      announce();
      return updated;
    } catch (e) {
      throw toLibraryError(e, 'changing the tags');
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    try {
      await inTransaction(this.db, async (tx) => {
        for (const id of ids) await tx.store.delete(id);
      });
      announce();
    } catch (e) {
      throw toLibraryError(e, 'deleting');
    }
  }
}
