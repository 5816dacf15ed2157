/**
 * Ad slots, placeholders and "Advertisement" labels (category `ad`).
 */
import type { VendorEntry } from './types';
import { wholeTextRegex } from './match';

/** Elements that ARE ad slots, whoever serves them. */
export const AD_SLOT_VENDORS: readonly VendorEntry[] = [
  { selector: 'ins.adsbygoogle', note: 'Google AdSense unit — fixture: ad--adsense-in-article' },
  { selector: '#div-gpt-ad*', note: 'Google Publisher Tag slot (Prebid/GPT examples) — fixture: ad--gpt-sidebar' },
  { selector: '#google_ads_iframe_*', note: 'GPT iframe container (NYT, Moscow Times) — fixture: ad--nyt-labelled-slot' },
  { selector: '[data-google-query-id]', note: 'GPT-rendered slot marker' },
  { selector: '[data-ad-slot]', note: 'AdSense slot attribute' },
  { selector: '[data-ad-unit]', note: 'ad-unit path attribute (Arc XP, WordPress ad plugins) — fixture: ad--elmundo-publicidad' },
  { selector: 'amp-ad', note: 'AMP ad element' },
  { selector: 'amp-sticky-ad', note: 'AMP sticky ad' },
  { selector: '#yandex_rtb*', note: 'Yandex RTB slot (Russian publishers) — fixture: ad--yandex-rtb-ru' },
  { selector: '#adfox*', note: 'AdFox slot (Russian publishers) — fixture: ad--yandex-rtb-ru' },
  { selector: '.dfp-ad', note: 'DFP slot class (Seattle Times, Moscow Times)' },
  { selector: '.gpt-ad', note: 'GPT slot class' },
  { selector: '.adsbygoogle', note: 'AdSense class on a non-ins element' },
  { selector: '#carbonads', note: 'Carbon Ads' },
];

/** Vendor entries for whole ad containers (not slots themselves). */
export const AD_CONTAINER_VENDORS: readonly VendorEntry[] = [
  { selector: '[data-testid="ad-wrapper"]', note: 'NYT-style ad wrapper — fixture: ad--nyt-labelled-slot' },
  { selector: '.ad-container', note: 'ad container class (CBS News, City A.M.) — fixture: ad--gpt-sidebar' },
  { selector: '.ad-slot', note: 'ad slot class (The Guardian js-ad-slot, Smithsonian DFP slots)' },
  { selector: '.adslot', note: 'ad slot class (VentureBeat div.adslot with data-sizes)' },
  { selector: '.ad-unit', note: 'ad unit class (Gizmodo, Rolling Stone, CBS local stations)' },
  { selector: '.adunit', note: 'rail ad unit class (NBC owned stations, e.g. NBC 5 Dallas-Fort Worth)' },
  { selector: '.place-ad', note: 'NYT ad placement — fixture: ad--nyt-labelled-slot' },
];

export const AD_TOKENS = [
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adslot', 'adunit', 'adbox',
  'adsense', 'adsbygoogle', 'dfp', 'adfox', 'rtb', 'mrec', 'leaderboard', 'skyscraper', 'billboard',
  'werbung', 'anzeige', 'reklama', 'publicite', 'publicidad', 'pubblicita', 'banner-ad', 'adwrapper',
  'adcontainer', 'adplaceholder', 'adhesion', 'outstream', 'teads',
] as const;

/** Labels that mark an ad slot (the whole text of a small block). Six languages and more. */
export const AD_LABEL = wholeTextRegex([
  'advertisement', 'advertisment', 'advertising', 'ad', 'ads', 'sponsored ad', 'paid advertisement',
  'continue reading the main story', 'story continues below advertisement', 'article continues below advertisement',
  'article continues below', 'advertisement - scroll to continue', 'scroll to continue with content',
  'anzeige', 'werbung', 'реклама', 'publicité', 'annonce', 'publicidad', 'anuncio', 'pubblicità',
  'advertisement continue reading below', 'ad feedback', 'report this ad', 'reklama',
]);
