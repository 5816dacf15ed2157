/**
 * "Save all open tabs": which tabs Decant can try, and exactly which site permissions that needs.
 * Pure (no browser API), so it is unit-tested; the library page asks for the permissions and runs it.
 */
import { originPattern, restrictedKind, RESTRICTED_MESSAGES } from '../platform/restricted';

export interface OpenTab {
  id?: number;
  url?: string;
  title?: string;
}

export interface TabPlan {
  /** Web pages Decant can read once it has their site. */
  readable: (OpenTab & { id: number; url: string })[];
  /** Tabs browsers do not let extensions read (their settings, stores, other extensions, files), with why. */
  restricted: (OpenTab & { why: string })[];
  /** One match pattern per site of the readable tabs (`https://example.org/*`), sorted. */
  origins: string[];
}

/** Sort the open tabs; `ownOrigin` (the extension's own pages, e.g. this library) are left out. */
export function planOpenTabs(tabs: readonly OpenTab[], ownOrigin: string): TabPlan {
  const plan: TabPlan = { readable: [], restricted: [], origins: [] };
  const origins = new Set<string>();
  for (const t of tabs) {
    if (t.id === undefined || (t.url ?? '').startsWith(ownOrigin)) continue;
    const kind = restrictedKind(t.url, false, ownOrigin);
    const pattern = t.url && !kind ? originPattern(t.url) : null;
    if (!pattern) {
      plan.restricted.push({ ...t, why: kind ? RESTRICTED_MESSAGES[kind] : 'this is not a web page Decant can read' });
      continue;
    }
    origins.add(pattern);
    plan.readable.push(t as OpenTab & { id: number; url: string });
  }
  plan.origins = [...origins].sort();
  return plan;
}
