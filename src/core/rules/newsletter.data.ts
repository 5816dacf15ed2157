/**
 * Newsletter sign-up boxes (category `newsletter`).
 */
import type { VendorEntry } from './types';
import { phraseRegex, wholeTextRegex } from './match';

export const NEWSLETTER_VENDORS: readonly VendorEntry[] = [
  { selector: '#mc_embed_signup', note: 'Mailchimp embedded form — fixture: newsletter--mailchimp-between-paragraphs' },
  { selector: '#mc_embed_shell', note: 'Mailchimp embed shell' },
  { selector: '.mc4wp-form', note: 'MC4WP (Mailchimp for WordPress)' },
  { selector: '.ml-embedded', note: 'MailerLite embedded form' },
  { selector: '.klaviyo-form', note: 'Klaviyo form' },
  { selector: '.formkit-form', note: 'ConvertKit (Kit) form — fixture: newsletter--convertkit-fr-blog' },
  { selector: '.ck_form', note: 'ConvertKit legacy form' },
  { selector: '.sib-form', note: 'Brevo (Sendinblue) form — fixture: newsletter--brevo-it-iscriviti' },
  { selector: '.tnp-subscription', note: 'The Newsletter Plugin (WordPress)' },
  { selector: '.jetpack_subscription_widget', note: 'Jetpack subscriptions' },
  { selector: '.wp-block-jetpack-subscriptions', note: 'Jetpack subscriptions block' },
  { selector: '.substack-embed', note: 'Substack embed' },
  { selector: '.pb-f-page-newsletter', note: 'Washington Post right-rail signup — fixture: newsletter--wapo-rail' },
];

export const NEWSLETTER_TOKENS = [
  'newsletter', 'newsletters', 'signup', 'optin', 'mailing', 'mailinglist', 'subscribe', 'subscription',
  'emailsignup', 'inbox', 'rassylka', 'infolettre', 'boletin',
] as const;
export const NEWSLETTER_STEMS = ['newsletter', 'signup', 'optin', 'subscribe'] as const;

export const NEWSLETTER_TEXT = phraseRegex([
  'newsletter', 'newsletters', 'sign up', 'signup', 'subscribe to our', 'get our', 'in your inbox',
  'to your inbox', 'straight to your inbox', 'delivered to your inbox', 'by email', 'email address', 'e-mail address',
  'indicates required', 'no spam', 'unsubscribe at any time', 'weekly briefing', 'daily briefing',
  'рассылк', 'подпишитесь на', 'на почту', 'newsletter abonnieren', 'jetzt anmelden', 'e-mail-adresse',
  'lettre d’information', "lettre d'information", 'infolettre', 'inscrivez-vous', 'adresse e-mail',
  'boletín', 'suscríbete', 'correo electrónico', 'iscriviti', 'indirizzo email', 'ricevi',
]);

export const SIGNUP_CTA = wholeTextRegex([
  'sign up', 'sign me up', 'subscribe', 'join', 'submit', 'get the newsletter', 'add', 'go',
  'подписаться', 'anmelden', 'abonnieren', "s'inscrire", 's’inscrire', 'je m’inscris', "je m'inscris",
  'suscribirme', 'suscribirse', 'iscriviti', 'iscrivimi',
]);

/** The thing itself, named: a subscribe link is a newsletter sign-up only next to one of these words. */
export const NEWSLETTER_NOUN = phraseRegex([
  'newsletter', 'newsletters', 'inbox', 'e-mail', 'email', 'рассылка', 'рассылку', 'infolettre', 'lettre d’information', "lettre d'information", 'boletín', 'boletines',
]);
