/**
 * Share and follow bars (category `social`).
 */
import type { VendorEntry } from './types';
import { phraseRegex } from './match';

export const SOCIAL_VENDORS: readonly VendorEntry[] = [
  { selector: '.addtoany_share_save_container', note: 'AddToAny — fixture: social--addtoany-bar' },
  { selector: '.a2a_kit', note: 'AddToAny kit' },
  { selector: '.sharethis-inline-share-buttons', note: 'ShareThis' },
  { selector: '.shareaholic-canvas', note: 'Shareaholic' },
  { selector: '.sharedaddy', note: 'Jetpack sharing — fixture: social--tweet-trap' },
  { selector: '.ya-share2', note: 'Yandex share (Russian publishers)' },
  { selector: '.likely', note: 'Likely share buttons (Ilya Birman), markup before its script runs, on Russian media sites — fixture: social--likely-ru' },
  { selector: '.heateor_sss_sharing_container', note: 'Sassy Social Share' },
  { selector: '.essb_links', note: 'Easy Social Share Buttons' },
];

export const SOCIAL_TOKENS = [
  'share', 'sharing', 'shares', 'sharebar', 'sharetools', 'social', 'socials', 'follow', 'followus',
  'sociallinks', 'share-buttons', 'addthis', 'addtoany', 'sharethis', 'teilen', 'partager', 'compartir',
  'condividi', 'podelitsya',
] as const;
export const SOCIAL_STEMS = ['share', 'social'] as const;

export const SOCIAL_TEXT = phraseRegex([
  'share', 'share this', 'share this article', 'share on', 'follow us', 'follow me', 'tweet', 'email this',
  'поделиться', 'поделитесь', 'подписывайтесь', 'teilen', 'folgen sie uns', 'partager', 'suivez-nous',
  'compartir', 'síguenos', 'condividi', 'seguici',
  '/follow [\\p{L}.@]+ on (?:twitter|x|facebook|instagram|linkedin|youtube|tiktok)/', // "Follow Newsbeat on Instagram, …" (BBC)
]);
