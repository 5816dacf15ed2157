/**
 * Subscription upsells, registration walls and paywall nags (category `membership`). The nag goes;
 * text the reader cannot see (hidden by the page) stays out, so gated text stays gated.
 */
import type { VendorEntry } from './types';
import { phraseRegex, wholeTextRegex } from './match';

export const MEMBERSHIP_VENDORS: readonly VendorEntry[] = [
  { selector: '.tp-modal', note: 'Piano (Tinypass) modal — fixture: membership--piano-modal' },
  { selector: '.tp-backdrop', note: 'Piano backdrop — fixture: membership--piano-modal' },
  { selector: '.tp-container-inner', note: 'Piano inline offer' },
  { selector: '#piano-inline*', note: 'Piano inline template container — fixture: membership--piano-modal' },
  { selector: '.piano-offer', note: 'Piano offer template' },
  { selector: '#poool-widget', note: 'Poool paywall widget' },
  { selector: '.zephr-feature', note: 'Zephr feature slot' },
  { selector: '#zephr-*', note: 'Zephr outlets' },
  { selector: '.pelcro-root', note: 'Pelcro paywall' },
  { selector: '.memberful-overlay', note: 'Memberful overlay' },
  { selector: '.fusion-paywall', note: 'Arc XP paywall' },
  { selector: '[data-testid="inline-message"]', note: 'NYT meter message' },
  { selector: '#gateway-content', note: 'NYT gateway' },
];

export const MEMBERSHIP_TOKENS = [
  'paywall', 'regwall', 'meter', 'metered', 'subscribe', 'subscription', 'subscriber', 'membership',
  'upsell', 'upgrade', 'piano', 'gateway', 'paywalled', 'abo', 'abonnement', 'abonnieren', 'regiwall',
] as const;
export const MEMBERSHIP_STEMS = ['paywall', 'subscri', 'membership', 'upsell'] as const;

export const MEMBERSHIP_TEXT = phraseRegex([
  'subscribe now', 'subscribe today', 'subscribe to continue', 'subscribe to read', 'already a subscriber',
  'already subscribed', 'become a member', 'become a subscriber', 'sign in to continue', 'log in to continue',
  'create a free account', 'register to continue', 'free articles', 'free article', 'articles remaining',
  "you've reached your limit", 'you have reached your limit', 'unlimited access', 'unlimited digital access',
  'start your free trial', 'start free trial', 'cancel anytime',
  'no paywalls', 'members get', 'members enjoy', 'join our members', // a member drive's offer under the article (National Review NRPLUS) — fixture: membership--magazine-member-cta
  'оформите подписку', 'оформить подписку', 'уже подписаны', 'бесплатных статей', 'доступ ко всем',
  'jetzt abonnieren', 'abo abschließen', 'schon abonnent', 'bereits abonnent', 'weiterlesen mit', 'plus-artikel',
  'abonnez-vous', 'déjà abonné', 'réservé aux abonnés', 'article réservé', 'offre d’essai',
  'suscríbete', 'ya eres suscriptor', 'ya soy suscriptor', 'exclusivo para suscriptores', 'hazte suscriptor',
  'abbonati', 'sei già abbonato', 'riservato agli abbonati', 'contenuto riservato', 'abbonamento',
  // A meter's counter in the other languages ("free articles" above is English) — fixture: membership--meter-bar-ru
  '/осталось\\s+\\d+\\s+бесплатн\\p{L}*/', 'бесплатные статьи', 'бесплатных материалов', 'kostenlose artikel', 'kostenlosen artikel',
  'articles gratuits', 'article gratuit', 'artículos gratis', 'artículos gratuitos', 'articoli gratuiti', 'articoli gratis',
  // A registration wall's card: register for free, "already have an account?" — fixture: membership--regwall-card-it
  'already have an account', 'register for free', 'register to read', 'sign in to read', 'log in to read', 'sign up to read',
  'уже есть аккаунт', 'зарегистрируйтесь', 'чтобы продолжить чтение', 'kostenlos registrieren', 'haben sie bereits ein konto',
  'um weiterzulesen', 'vous avez déjà un compte', 'inscrivez-vous gratuitement', 'pour lire la suite', 'ya tienes una cuenta',
  'ya tienes cuenta', 'regístrate gratis', 'para seguir leyendo', 'hai già un account', 'registrati gratis', 'per continuare a leggere',
  "/je\\s+m['’]abonne/", // a first-person subscribe link in the body ("Je m'abonne pour 1 euro par mois") — fixture: membership--inline-appeal-fr
  'join today', // a member drive's call in running text ("Members get … Join today for £5 a month")
]);

export const SUBSCRIBE_CTA = wholeTextRegex([
  'subscribe', 'subscribe now', 'subscribe today', 'sign in', 'log in', 'login', 'become a member', 'join now',
  'upgrade', 'see plans', 'see all plans', 'see subscription options', 'start free trial', 'start my free trial',
  'оформить подписку', 'подписаться', 'abonnieren', 'jetzt abonnieren', "s'abonner", 's’abonner', 'je m’abonne',
  "je m'abonne", 'suscríbete', 'suscribirse', 'abbonati', 'abbonati ora',
]);

/**
 * Prices with a period: "$1/week", "€4,99 pro Monat", "199 ₽ в месяц", and with the currency as a word:
 * "от 99 рублей в месяц" (fixture: membership--meter-bar-ru), "1 euro par mois" (fixture: membership--inline-appeal-fr).
 */
export const PRICE = /(?:[$€£₽]\s?\d+(?:[.,]\d{2})?|\d+(?:[.,]\d{2})?\s?(?:[$€£₽]|руб\.?|рубл(?:ей|я|ь)|euros?|dollars?|pounds?))\s*(?:\/|per|a|pro|par|al|por|в)\s*(?:week|wk|month|mo|year|yr|woche|monat|jahr|semaine|mois|an|semana|mes|año|settimana|mese|anno|неделю|месяц|год)/iu;
