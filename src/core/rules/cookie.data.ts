/**
 * Cookie and consent banners (category `cookie`).
 */
import type { VendorEntry } from './types';
import { phraseRegex, wholeTextRegex } from './match';

export const COOKIE_VENDORS: readonly VendorEntry[] = [
  { selector: '#CybotCookiebotDialog', note: 'Cookiebot dialog — fixture: cookie--cookiebot-dialog' },
  { selector: '#CybotCookiebotDialogBodyUnderlay', note: 'Cookiebot backdrop' },
  { selector: '#onetrust-consent-sdk', note: 'OneTrust SDK root — fixture: cookie--onetrust-banner' },
  { selector: '#onetrust-banner-sdk', note: 'OneTrust banner' },
  { selector: '#didomi-host', note: 'Didomi CMP — fixture: cookie--didomi-notice' },
  { selector: '#qc-cmp2-container', note: 'Quantcast Choice CMP' },
  { selector: '#sp_message_container*', note: 'Sourcepoint message container — fixture: cookie--sourcepoint-iframe' },
  { selector: '.fc-consent-root', note: 'Google Funding Choices CMP' },
  { selector: '#usercentrics-root', note: 'Usercentrics CMP' },
  { selector: '#cmpbox', note: 'consentmanager.net' },
  { selector: '#cmpbox2', note: 'consentmanager.net backdrop' },
  { selector: '.cc-window', note: 'Osano / cookieconsent.js banner — fixture: cookie--osano-trap' },
  { selector: '#cookie-law-info-bar', note: 'WP CookieYes / GDPR Cookie Consent' },
  { selector: '.cky-consent-container', note: 'CookieYes v3' },
  { selector: '#moove_gdpr_cookie_info_bar', note: 'WP GDPR Cookie Compliance' },
  { selector: '#cookie-notice', note: 'WP Cookie Notice' },
  { selector: '.iubenda-cs-container', note: 'iubenda Cookie Solution — fixture: cookie--iubenda-banner' },
  { selector: '#truste-consent-track', note: 'TrustArc banner' },
  { selector: '#tarteaucitronRoot', note: 'tarteaucitron.js (French publishers)' },
  { selector: '#klaro', note: 'Klaro consent manager' },
  { selector: '#BorlabsCookieBox', note: 'Borlabs Cookie (German WordPress)' },
  { selector: '.cmplz-cookiebanner', note: 'Complianz' },
];

export const COOKIE_TOKENS = [
  'cookie', 'cookies', 'consent', 'gdpr', 'cmp', 'ccpa', 'cookiebanner', 'cookienotice', 'cookiebar',
  'onetrust', 'cookiebot', 'cybot', 'didomi', 'usercentrics', 'privacy-banner', 'tcf',
] as const;
export const COOKIE_STEMS = ['cookie', 'consent'] as const;

export const COOKIE_TEXT = phraseRegex([
  'we use cookies', 'this website uses cookies', 'this site uses cookies', 'uses cookies', 'cookie policy',
  'accept all cookies', 'accept cookies', 'cookie settings', 'your privacy choices', 'manage consent',
  'используем файлы cookie', 'файлы cookie', 'использует cookie', 'куки',
  'wir verwenden cookies', 'verwendet cookies', 'cookie-einstellungen', 'alle akzeptieren', 'einwilligung',
  'nous utilisons des cookies', 'utilise des cookies', 'accepter les cookies', 'tout accepter', 'gérer les cookies',
  'utilizamos cookies', 'utiliza cookies', 'aceptar cookies', 'aceptar todas', 'política de cookies',
  'utilizza i cookie', 'utilizziamo i cookie', 'questo sito web utilizza i cookie', 'accetta tutti', 'informativa sui cookie',
]);

/** Whole labels of consent buttons. */
export const COOKIE_CTA_LABELS: readonly string[] = [
  'accept', 'accept all', 'accept all cookies', 'allow all', 'allow all cookies', 'agree', 'i agree', 'got it',
  'reject all', 'decline', 'use necessary cookies only', 'necessary cookies only', 'cookie settings',
  'cookies settings', 'manage preferences', 'принять', 'принять все', 'согласен', 'отклонить',
  'akzeptieren', 'alle akzeptieren', 'ablehnen', 'zustimmen', 'accepter', 'tout accepter', 'refuser',
  'aceptar', 'aceptar todo', 'rechazar', 'accetta', 'accetta tutti', 'rifiuta',
];
export const COOKIE_CTA = wholeTextRegex(COOKIE_CTA_LABELS);
