/**
 * The common shape of a rule family: vendor selectors, markup tokens, text phrases and a small
 * structure check, each compiled once. A family module supplies its data and its structure logic;
 * this turns them into `signals(facts)`.
 */
import type { Category } from '../types';
import type { Facts, RuleFamily, Signal, VendorEntry } from './types';
import { tokenMatcher, vendorMatcher } from './match';

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
   */
  text?: { regex: RegExp; scope: 'text' | 'label'; what: string; before?: boolean };
  /** Whole-text labels (a button or link that is nothing but "Donate"): also text evidence. */
  cta?: RegExp;
  /** A nag is compact: more text or more long paragraphs than this and only a vendor match counts. */
  maxText?: number;
  maxParas?: number;
  /** Structure evidence: forms, buttons, links, amount pickers, position. */
  structure?: (f: Facts) => Signal[];
}

/** Signals of kinds other than text are computed first; text is read only when it could decide. */
export function defineFamily(spec: FamilySpec): RuleFamily {
  const vendor = spec.vendors?.length ? vendorMatcher(spec.vendors) : null;
  const maxText = spec.maxText ?? 3000;
  const maxParas = spec.maxParas ?? 6;
  const markup = spec.markup ? tokenMatcher(spec.markup.exact, spec.markup.stems, spec.markup.exclude) : null;
  return {
    id: spec.id,
    category: spec.category,
    risky: spec.risky ?? false,
    signals(f: Facts): Signal[] {
      const out: Signal[] = [];
      const v = vendor?.(f.el, f.tag, f.attrs);
      if (v) out.push({ kind: 'vendor', what: `${v.selector} (${v.note})` });
      if (f.stats.textLen > maxText || f.stats.paras > maxParas) return out;
      const token = markup?.(f.tokens);
      if (token) out.push({ kind: 'markup', what: `markup “${token}”` });
      if (spec.structure) out.push(...spec.structure(f));
      if (spec.text && out.length) {
        const source = spec.text.scope === 'label' ? f.label() : f.text();
        const hit = spec.text.regex.exec(source);
        const prior = !hit && spec.text.before ? f.before() : '';
        const hitBefore = prior ? spec.text.regex.exec(prior) : null;
        if (hit) out.push({ kind: 'text', what: `${spec.text.what} “${hit[0].slice(0, 60)}”` });
        else if (hitBefore) out.push({ kind: 'text', what: `${spec.text.what} before it “${prior.slice(0, 60)}”`, fromBefore: true });
        else if (spec.cta && f.stats.textLen <= 60 && spec.cta.test(f.text())) out.push({ kind: 'text', what: `a “${f.text()}” button` });
      }
      return out;
    },
  };
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
