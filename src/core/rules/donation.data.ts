/**
 * Donation appeals, donate forms and contribution widgets (category `donation`).
 * Each entry names the vendor, site or fixture it comes from.
 */
import type { VendorEntry } from './types';
import { phraseRegex, wholeTextRegex } from './match';

export const DONATION_VENDORS: readonly VendorEntry[] = [
  { selector: '.charitable-donation-form', note: 'WP Charitable form — fixture: donation--charitable-trap' },
  { selector: '.widget_charitable_donate_widget', note: 'WP Charitable sidebar widget' },
  { selector: '.charitable-modal', note: 'WP Charitable modal — fixture: overlay--lean-backdrop' },
  { selector: '.give-form-wrap', note: 'GiveWP form — fixture: donation--givewp-widget' },
  { selector: '.give-embed-form-wrapper', note: 'GiveWP embedded form' },
  { selector: '.kofi-button', note: 'Ko-fi Widget_2 button — fixture: donation--kofi-button' },
  { selector: '.bmc-btn-container', note: 'Buy Me a Coffee button' },
  { selector: '.patreon-button', note: 'Patreon button plugins' },
  { selector: '.wp-block-jetpack-donations', note: 'Jetpack donations block' },
  { selector: '.contribute-modal', note: 'The Moscow Times contribute modal — fixture: donation--moscowtimes-seed' },
  { selector: '.contribute-banner', note: 'The Moscow Times in-article contribute banner — fixture: donation--moscowtimes-seed' },
  { selector: '.contributions__epic', note: 'The Guardian contributions epic — fixture: donation--guardian-epic' },
  { selector: '[data-component="contributions-epic"]', note: 'The Guardian epic (data-component)' },
];

/** Class/id tokens meaning "give us money". `support` alone is too common (help desks) and is not here. */
export const DONATION_TOKENS = [
  'donate', 'donation', 'donations', 'donor', 'contribute', 'contribution', 'contributions', 'fundraising',
  'fundraiser', 'kofi', 'patreon', 'givewp', 'charitable', 'supportus', 'tipjar', 'spenden', 'spende',
  'dons', 'donar', 'donazione', 'donazioni', 'pozhertvovanie',
] as const;
export const DONATION_STEMS = ['donat', 'contribut', 'fundrais'] as const;

/**
 * Appeal phrases — asks addressed to the reader, not topic words, so an article about donations keeps
 * its text ("more than half of the money came through online donation pages" has none of these).
 */
export const DONATION_TEXT = phraseRegex([
  // English
  'support us', 'support our', 'support independent journalism', 'support me', 'your support', 'please support',
  'donate now', 'donate today', 'please donate', 'make a donation', 'make a contribution', 'contribute now',
  'contribute today', 'chip in', 'buy me a coffee', 'become a patron', 'become a supporter', 'help us keep',
  'we need your help', 'small favor to ask', 'small favour to ask', 'every contribution', 'reader-funded',
  'not ready to support', 'give monthly', 'support me on ko-fi', 'can you chip in',
  // Russian
  'поддержите нас', 'поддержите', 'поддержать нас', 'ваша поддержка', 'пожертвуйте', 'помогите нам',
  // German
  'unterstützen sie uns', 'jetzt unterstützen', 'unterstütze uns', 'spenden sie', 'jetzt spenden', 'ihre unterstützung',
  'unterstütze mich', 'unterstützt mich', 'unterstützen sie mich', // German first-person blog appeals next to Ko-fi/Patreon buttons — fixture: donation--kofi-button
  // French
  'faire un don', 'faites un don', 'soutenez-nous', 'soutenez', 'nous soutenir', 'votre soutien',
  // Spanish
  'dona ahora', 'haz una donación', 'apóyanos', 'apoya nuestro', 'colabora con nosotros', 'tu apoyo',
  // Italian
  'dona ora', 'fai una donazione', 'sostienici', 'sostieni il nostro', 'il tuo sostegno', 'il tuo contributo',
]);

/** Whole labels of donate buttons and links. */
export const DONATE_CTA = wholeTextRegex([
  'donate', 'donate now', 'donate today', 'support us', 'support', 'contribute', 'give', 'give now', 'chip in',
  'become a supporter', 'become a patron', 'support me on ko-fi', 'buy me a coffee', '/support (?:us|me|our work) on [\\w-]+/',
  'поддержать', 'поддержите', 'пожертвовать', 'spenden', 'jetzt spenden', 'unterstützen', 'jetzt unterstützen',
  'faire un don', 'je donne', 'soutenir', 'donar', 'dona', 'dona ahora', 'dona ora', 'sostieni', 'sostienici',
]);

/** Currency amounts and giving periods: the shape of an amount picker. */
export const AMOUNT = /(?:[$€£₽¥]\s?\d{1,5}(?:[.,]\d{2})?|\d{1,5}(?:[.,]\d{2})?\s?(?:[$€£₽]|руб|eur|usd|gbp|chf))(?![\d])/giu;
export const PERIODS = phraseRegex([
  'once', 'one-time', 'one time', 'monthly', 'annual', 'annually', 'yearly', 'per month', 'a month',
  'разово', 'единоразово', 'ежемесячно', 'ежегодно', 'einmalig', 'monatlich', 'jährlich', 'une fois',
  'mensuel', 'mensuellement', 'annuel', 'única', 'mensual', 'anual', 'una tantum', 'mensile', 'annuale',
]);
