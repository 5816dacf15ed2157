/**
 * Sponsored content and recommendation widgets (category `sponsored`).
 */
import type { VendorEntry } from './types';
import { phraseRegex } from './match';

export const SPONSORED_VENDORS: readonly VendorEntry[] = [
  { selector: '#taboola-*', note: 'Taboola widget container — fixture: sponsored--taboola-feed' },
  { selector: '.trc_rbox_container', note: 'Taboola rendered box' },
  { selector: '.trc_related_container', note: 'Taboola related container' },
  { selector: '.OUTBRAIN', note: 'Outbrain widget — fixture: sponsored--outbrain-widget' },
  { selector: '.ob-widget', note: 'Outbrain rendered widget' },
  { selector: '[data-widget-id]', note: 'Outbrain/Taboola data-widget-id' },
  { selector: '.mgbox', note: 'MGID widget' },
  { selector: '#rc-widget*', note: 'Revcontent widget' },
  { selector: '.rc-widget', note: 'Revcontent widget class' },
  { selector: '.zergnet-widget', note: 'ZergNet widget' },
  { selector: '.plista_widget', note: 'plista (German publishers)' },
  { selector: '.nativo-sponsored', note: 'Nativo' },
  { selector: 'amp-embed', note: 'AMP recommendation embed' },
];

export const SPONSORED_TOKENS = [
  'sponsored', 'sponsor', 'sponsors', 'promoted', 'promo', 'partner', 'partners', 'native', 'nativead',
  'paid', 'paidpost', 'brandvoice', 'advertorial', 'taboola', 'outbrain', 'mgid', 'revcontent', 'zergnet',
  'plista', 'branded', 'commercial',
] as const;
export const SPONSORED_STEMS = ['sponsor', 'taboola', 'outbrain', 'advertorial'] as const;

export const SPONSORED_TEXT = phraseRegex([
  'sponsored', 'sponsored content', 'sponsored stories', 'sponsored links', 'promoted', 'promoted stories',
  'paid content', 'paid post', 'partner content', 'from our partners', 'recommended by', 'around the web',
  'from the web', 'you may like', 'by taboola', 'by outbrain', 'advertorial',
  'спонсорский', 'партнерский материал', 'партнёрский материал', 'на правах рекламы',
  'gesponsert', 'anzeige', 'sponsored by', 'in kooperation mit', 'contenu sponsorisé', 'contenu partenaire',
  'en partenariat avec', 'contenido patrocinado', 'patrocinado', 'contenuto sponsorizzato', 'sponsorizzato',
  'in collaborazione con',
  // Labels of native units the publisher places itself, without a vendor's markup — fixtures:
  // sponsored--presented-by-card ("Presented by …", "Brand content"), sponsored--native-incut-ru ("Реклама")
  'presented by', 'brand content', 'branded content', 'paid partnership', 'paid promotion', 'promoted by', 'in partnership with',
  'sponsor content', 'реклама', 'publicidad', 'contenido de marca', 'presentado por', 'publirreportaje',
  'contenu de marque', 'présenté par', 'publireportage', 'publi-rédactionnel', 'contenuto di marca', 'presentato da',
  'pubblicità', 'werbung', 'präsentiert von', 'bezahlter inhalt',
]);
