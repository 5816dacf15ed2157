/**
 * "Read more" rails, related-article lists and "Read also" lines (category `related`).
 */
import type { VendorEntry } from './types';
import { phraseRegex } from './match';

export const RELATED_VENDORS: readonly VendorEntry[] = [
  { selector: '.jp-relatedposts', note: 'Jetpack related posts' },
  { selector: '.yarpp-related', note: 'YARPP related posts' },
  { selector: '.crp_related', note: 'Contextual Related Posts' },
  { selector: '.wp-block-latest-posts', note: 'WordPress latest-posts block' },
  { selector: '#related-posts', note: 'related-posts box of WordPress news themes (Dealbreaker, Practical Horseman)' },
  { selector: '.rollover-people-block', note: 'The Hill: a politician\'s hover card inside a sentence, their latest headlines (fixture: related--thehill-people-rollover)' },
];

export const RELATED_TOKENS = [
  'related', 'relatedposts', 'readmore', 'morestories',
  'recommended', 'recommendations', 'popular', 'mostread', 'most-read', 'trending', 'recirculation', 'recirc',
  'cluster', 'teaser', 'teasers', 'see-also', 'seealso', 'next-article', 'upnext', 'more-from',
] as const;
export const RELATED_STEMS = ['related', 'recommend', 'recirc', 'mostpopular', 'mostread'] as const;

/** Rail and line labels, as headings or line openers. */
export const RELATED_LABEL = phraseRegex([
  'read more', 'read also', 'read next', 'related', 'related articles', 'related stories', 'related coverage',
  'related posts', 'more stories', 'more from', 'more on this', 'more on this story', 'see also', 'also read',
  'you may also like', 'you might also like', 'recommended', 'recommended for you', 'most read', 'most popular',
  'trending', 'up next', 'what to read next', 'further reading', "editor's picks", 'top stories', 'latest news',
  'читайте также', 'читать также', 'по теме', 'еще по теме', 'ещё по теме', 'читайте еще', 'самое читаемое', 'популярное',
  'lesen sie auch', 'lesen sie mehr', 'mehr zum thema', 'weitere artikel', 'das könnte sie auch interessieren', 'meistgelesen',
  'à lire aussi', 'a lire aussi', 'lire aussi', 'sur le même sujet', 'les plus lus', 'à voir aussi',
  'leer más', 'lee también', 'te puede interesar', 'noticias relacionadas', 'lo más leído', 'más noticias',
  'leggi anche', 'potrebbe interessarti', 'articoli correlati', 'i più letti', 'ti potrebbe interessare',
  "don't miss", 'don’t miss', 'do not miss', 'see more', 'read more from', 'related reading', 'related links', // Express "DON'T MISS", "SEE MORE: …"
  'more news from', 'more news', 'more coverage', 'recent articles', 'recent posts', 'recent stories', 'latest stories', // "More News from Sci-Tech", "RECENT ARTICLES"
  '/more great \\p{L}+ stories/', '/more \\p{L}+ stories/', '/more:/', '/also on [\\w.-]+\\.[a-z]{2,}/', '/also:/', // Wired, USA Today "More:", RT "Also on rt.com"
  'you might like', 'we recommend', 'popular now', 'most viewed', 'more to read', 'more to explore',
]);
