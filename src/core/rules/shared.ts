/**
 * Structure evidence several families share: position (a dialog or fixed box over the page).
 */
import type { Facts, Signal } from './types';

/** A dialog, or a fixed/sticky box on top of the page: the shape of a modal or a banner. */
export function positionSignal(f: Facts): Signal[] {
  const p = f.place;
  if (p.dialog) return [{ kind: 'position', what: 'a dialog (role/aria-modal)' }];
  if (p.fixed && (p.onTop || p.cover)) return [{ kind: 'position', what: 'fixed over the page' }];
  if (p.fixed) return [{ kind: 'position', what: 'fixed to the viewport' }];
  return [];
}
