/**
 * The common shape of a rule family: vendor selectors, markup tokens, text phrases and a small
 * structure check, each compiled once. A family module supplies its data and its structure logic;
 * this turns them into `signals(facts)`.
 */
import type { Category } from '../types';
import type { Evidence, Facts, RuleFamily, Signal, VendorEntry } from './types';
import { compileVendors, escapeRe, markupJudge, restMayMatch, type CompiledVendors } from './match';
import type { Attrs } from './attrs';

export interface FamilySpec {
  id: string;
  category: Category;
  risky?: boolean;
  vendors?: readonly VendorEntry[];
  /** Markup vocabulary: exact tokens, token stems, tokens that never count. */
  markup?: { exact: readonly string[]; stems?: readonly string[]; exclude?: readonly string[] };
  /**
   * Phrases in the block's text (appeals, labels). `scope: 'label'` tests only the block's label;
   * `before: true` also the short line standing before the block (a rail's label), which then goes too.
   * `source` replaces the scope's text (sponsored: the label and a teaser card's first line).
   */
  text?: { regex: RegExp; scope: 'text' | 'label'; what: string; before?: boolean; source?: (f: Facts) => string };
  /** Whole-text labels (a button or link that is nothing but "Donate"): also text evidence. */
  cta?: RegExp;
  /** A nag is compact: more text or more long paragraphs than this and only a vendor match counts. */
  maxText?: number;
  maxParas?: number;
  /** Structure evidence: forms, buttons, links, amount pickers, position. */
  structure?: (f: Facts) => readonly Signal[];
}

/** Every family defined so far, in order; `Facts.evidence` answers for all of them at once. */
const defined: { vendors: CompiledVendors; judge: ((token: string) => boolean) | null; markup: FamilySpec['markup'] | null }[] = [];

/** All families' exact ids and classes in one map each: name → [family index, entry] pairs. */
let joined: {
  byId: Map<string, [number, VendorEntry][]>;
  byClass: Map<string, [number, VendorEntry][]>;
  withRest: number[];
  /** The union of those families' rest preconditions (see CompiledVendors.mayRest). */
  restPre: Parameters<typeof restMayMatch>[0];
  /** Tags some family's non-id, non-class selectors may match on an element without attributes. */
  restTags: ReadonlySet<string>;
  /** The evidence of an element nothing matches. */
  none: Evidence;
} | null = null;

function joinVendors(): NonNullable<typeof joined> {
  const byId = new Map<string, [number, VendorEntry][]>();
  const byClass = new Map<string, [number, VendorEntry][]>();
  const withRest: number[] = [];
  defined.forEach(({ vendors }, i) => {
    for (const [name, entry] of vendors.byId) byId.set(name, [...(byId.get(name) ?? []), [i, entry]]);
    for (const [name, entry] of vendors.byClass) byClass.set(name, [...(byClass.get(name) ?? []), [i, entry]]);
    if (vendors.hasRest) withRest.push(i);
  });
  const restTags = new Set(defined.flatMap(({ vendors }) => vendors.bareTags));
  const none: Evidence = Object.freeze({ vendor: Object.freeze(defined.map(() => null)), markup: Object.freeze(defined.map(() => null)) });
  const restAttrsAll = new Set(defined.flatMap(({ vendors }) => [...vendors.restAttrs]));
  const restTagsAll = new Set(defined.flatMap(({ vendors }) => [...vendors.restTags]));
  const restAny = defined.some(({ vendors }) => vendors.restAny);
  return { byId, byClass, withRest, restTags, restPre: { restAttrs: restAttrsAll, restTags: restTagsAll, restAny }, none };
}

/** Signals of kinds other than text are computed first; text is read only when it could decide. */
export function defineFamily(spec: FamilySpec): RuleFamily {
  const index = defined.length;
  defined.push({
    vendors: compileVendors(spec.vendors ?? []),
    judge: spec.markup ? markupJudge(spec.markup.exact, spec.markup.stems, spec.markup.exclude) : null,
    markup: spec.markup ?? null,
  });
  tokenFamilies.clear();
  anyVocabulary = null;
  joined = null;
  const maxText = spec.maxText ?? 3000;
  const maxParas = spec.maxParas ?? 6;
  return {
    id: spec.id,
    category: spec.category,
    risky: spec.risky ?? false,
    signals(f: Facts): readonly Signal[] {
      // Nine families in ten say nothing about an element: no array unless there is evidence.
      let out: Signal[] | null = null;
      const evidence = f.evidence;
      const v = evidence.vendor[index];
      if (v) (out ??= []).push({ kind: 'vendor', what: `${v.selector} (${v.note})` });
      if (f.stats.textLen > maxText || f.stats.paras > maxParas) return out ?? NO_SIGNALS;
      const token = evidence.markup[index];
      if (token) (out ??= []).push({ kind: 'markup', what: `markup “${token}”` });
      if (spec.structure) {
        const found = spec.structure(f);
        if (found.length) {
          out ??= [];
          for (const s of found) out.push(s);
        }
      }
      if (spec.text && out) {
        const source = spec.text.source ? spec.text.source(f) : spec.text.scope === 'label' ? f.label() : f.text();
        const hit = spec.text.regex.exec(source);
        const prior = !hit && spec.text.before ? f.before() : '';
        const hitBefore = prior ? spec.text.regex.exec(prior) : null;
        if (hit) out.push({ kind: 'text', what: `${spec.text.what} “${hit[0].slice(0, 60)}”` });
        else if (hitBefore) out.push({ kind: 'text', what: `${spec.text.what} before it “${prior.slice(0, 60)}”`, fromBefore: true });
        else if (spec.cta && f.stats.textLen <= 60 && spec.cta.test(f.text())) out.push({ kind: 'text', what: `a “${f.text()}” button` });
      }
      return out ?? NO_SIGNALS;
    },
  };
}

const NO_SIGNALS: readonly Signal[] = Object.freeze([]);

/** Token → indexes of the families whose markup vocabulary it matches (bounded, for long batch runs). */
const tokenFamilies = new Map<string, readonly number[]>();
const NONE: readonly number[] = [];
const TOKEN_MEMO_LIMIT = 8192;

/**
 * Every family's vocabulary at once, a necessary condition: a token that is none of their exact tokens
 * and starts with none of their stems is in no vocabulary (most tokens of a page), whatever the
 * families exclude. Built when first asked, after the families are defined.
 */
let anyVocabulary: { exact: ReadonlySet<string>; stem: RegExp | null } | null = null;

function inSomeVocabulary(token: string): boolean {
  if (!anyVocabulary) {
    const specs = defined.flatMap((d) => (d.markup ? [d.markup] : []));
    const stems = specs.flatMap((m) => m.stems ?? []);
    anyVocabulary = {
      exact: new Set(specs.flatMap((m) => m.exact)),
      stem: stems.length ? new RegExp(`^(?:${stems.map(escapeRe).join('|')})`) : null,
    };
  }
  return anyVocabulary.exact.has(token) || (anyVocabulary.stem?.test(token) ?? false);
}

function familiesOfToken(token: string): readonly number[] {
  let list = tokenFamilies.get(token);
  if (list === undefined) {
    const hits: number[] = [];
    if (inSomeVocabulary(token)) for (let i = 0; i < defined.length; i++) if (defined[i].judge?.(token)) hits.push(i);
    list = hits.length ? hits : NONE;
    if (tokenFamilies.size >= TOKEN_MEMO_LIMIT) tokenFamilies.clear();
    tokenFamilies.set(token, list);
  }
  return list;
}

/**
 * Vendor and markup evidence of one element for every family in one pass: per family, the vendor
 * entry it matches (its id, then its classes in order, then its other selectors in list order) and
 * the first of the element's tokens in its vocabulary — what each family's own matchers would say,
 * without ten passes over the same id, classes and tokens.
 */
export function evidenceOf(el: Element, tag: string, attrs: Attrs, tokens: readonly string[]): Evidence {
  const index = (joined ??= joinVendors());
  // No attributes: no id, class or token, and only a selector naming the bare tag could match.
  if (!attrs.size && !index.restTags.has(tag) && !index.restTags.has('*')) return index.none;
  // Most elements match nothing: arrays are made at the first hit.
  const n = defined.length;
  let vendor: (VendorEntry | null)[] | null = null;
  let markup: (string | null)[] | null = null;
  const id = attrs.id;
  if (id) {
    const hits = index.byId.get(id);
    if (hits) for (const [i, entry] of hits) (vendor ??= new Array<VendorEntry | null>(n).fill(null))[i] = entry;
  }
  for (const c of attrs.classes) {
    const hits = index.byClass.get(c);
    if (!hits) continue;
    vendor ??= new Array<VendorEntry | null>(n).fill(null);
    for (const [i, entry] of hits) if (vendor[i] === null) vendor[i] = entry;
  }
  // Most elements have none of the attributes or tags the other selectors need: skip them all at once.
  if (restMayMatch(index.restPre, tag, attrs)) {
    for (const i of index.withRest) {
      if (vendor && vendor[i] !== null) continue;
      const entry = defined[i].vendors.matchRest(el, tag, attrs);
      if (entry) (vendor ??= new Array<VendorEntry | null>(n).fill(null))[i] = entry;
    }
  }
  for (const t of tokens) {
    const families = familiesOfToken(t);
    if (!families.length) continue;
    markup ??= new Array<string | null>(n).fill(null);
    for (const i of families) if (markup[i] === null) markup[i] = t;
  }
  return vendor || markup ? { vendor: vendor ?? index.none.vendor, markup: markup ?? index.none.markup } : index.none;
}

/** Distinct kinds among signals; a vendor signal counts as decisive. */
export function decisive(signals: readonly Signal[]): boolean {
  let kinds = 0;
  let seen = '';
  for (const s of signals) {
    if (s.kind === 'vendor') return true;
    if (!seen.includes(s.kind)) {
      seen += s.kind + ' ';
      kinds++;
    }
  }
  return kinds >= 2;
}
