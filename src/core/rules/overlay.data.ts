/**
 * Modals, backdrops and interstitials whose purpose is none of the other categories (`overlay`).
 */
import type { VendorEntry } from './types';

export const OVERLAY_VENDORS: readonly VendorEntry[] = [
  { selector: '#lean_overlay', note: 'leanModal backdrop (WP Charitable) — fixture: overlay--lean-backdrop' },
  { selector: '.modal-backdrop', note: 'Bootstrap backdrop — fixture: overlay--bootstrap-modal-it' },
  { selector: '.fancybox-overlay', note: 'fancyBox backdrop' },
  { selector: '.mfp-bg', note: 'Magnific Popup backdrop' },
  { selector: '.ReactModal__Overlay', note: 'react-modal (React library) overlay' },
  { selector: '.pum-overlay', note: 'Popup Maker overlay — fixture: overlay--popup-maker-app' },
  { selector: '.onetrust-pc-dark-filter', note: 'OneTrust dark filter (backdrop)' },
];

export const OVERLAY_TOKENS = [
  'modal', 'overlay', 'backdrop', 'popup', 'pop-up', 'interstitial', 'lightbox-overlay', 'dimmer', 'scrim',
  'underlay', 'curtain', 'takeover', 'welcome-mat', 'exit-intent', 'popover',
] as const;
export const OVERLAY_STEMS = ['modal', 'overlay', 'backdrop', 'popup', 'interstitial'] as const;
