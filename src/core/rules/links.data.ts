/**
 * Where links go, as structure evidence. The engine classifies every `<a href>` once during the walk
 * and counts the kinds per subtree (`Stats.donateLinks` …). Patterns run on the lower-cased href.
 */
import { hrefRegex } from './match';

export const DONATE_HREFS = hrefRegex([
  '/donat(?:e|ion|ions|ing)?(?:[/?#._-]|$)', // /donate, /donation — fixture: donation--givewp-widget
  '/contribut(?:e|ion|ions)(?:[/?#._-]|$)', // The Moscow Times /contribute — fixture: donation--moscowtimes-seed
  '/support-us|/supportus|/support(?:[/?#]|$)', // "/support" pages of reader-funded sites
  '/(?:spenden|spende|unterstuetzen|unterstutzen)(?:[/?#._-]|$)', // German
  '/(?:faire-un-don|je-donne|soutenir|soutien|soutenez-nous)(?:[/?#._]|$)', // French
  '/(?:donar|dona|donaciones|apoyanos|apoya)(?:[/?#._]|$)', // Spanish / Italian
  '/(?:sostienici|sostieni|donazioni)(?:[/?#._-]|$)', // Italian
  '/(?:podderzhat|pomoch|donate-ru)(?:[/?#._-]|$)', // Russian transliterated slugs
  '(?:^|//)(?:www\\.)?(?:ko-fi\\.com|patreon\\.com|buymeacoffee\\.com|liberapay\\.com|opencollective\\.com|donorbox\\.org|givebutter\\.com|fundraiseup\\.com|paypal\\.me|boosty\\.to)/', // donation platforms
  'paypal\\.com/(?:donate|cgi-bin/webscr)', // PayPal donate buttons
  '[?&](?:utm_medium|utm_source)=(?:contribute|donat)', // tracked contribute links (Moscow Times)
]);

export const SUBSCRIBE_HREFS = hrefRegex([
  '^https?://(?:subscribe|subscription|subscriptions|join|membership|abo|abonnement|abbonamenti|suscripciones)\\.', // subscription subdomains: subscription.nj.com
  '/(?:subscribe|subscription|subscriptions|membership|join|plans|offers?|abo|abonnement|abonnieren|abbonamenti|abbonati|suscripcion|suscribete|suscripciones|podpiska)(?:[/?#._-]|$)', // upsell pages
  '[?&](?:utm_campaign|utm_source|utm_medium)=[^&]*(?:paywall|subscri|meter)', // paywall CTA tracking
  '/[a-z0-9]+-(?:subscribe|subscription)(?:[/?#]|$)', // a product's own subscribe page: /nrplus-subscribe (National Review) — fixture: membership--magazine-member-cta
  '/(?:offres|ofertas|offerte|angebote?|premium)(?:[/?#._-]|$)', // offer pages in other languages, and /premium/ — fixtures: membership--inline-appeal-fr, membership--meter-bar-ru
]);

/**
 * Sign-in and registration pages. Apart from subscription offers: a site's header "Log in" link is
 * not an upsell; only a box that says more than the link (a regwall's "Hai già un account? Accedi")
 * counts it as evidence (rules/membership.ts).
 */
export const ACCOUNT_HREFS = hrefRegex([
  '/(?:login|log-in|signin|sign-in|register|registration|connexion|inscription|anmelden|registrierung|iniciar-sesion|registro|accedi|registrazione|vhod|registratsiya)(?:[/?#._-]|$)', // a regwall's sign-in and register links — fixture: membership--regwall-card-it
]);

export const NEWSLETTER_HREFS = hrefRegex([
  '/newsletters?(?:[/?#._-]|$)', // newsletter sign-up pages
  '/(?:signup|sign-up|email-signup|rassylka|lettre|boletin|iscrizione)(?:[/?#._-]|$)', // localised slugs
  '(?:list-manage\\.com|substack\\.com/subscribe|mailchi\\.mp|eepurl\\.com|beehiiv\\.com|buttondown\\.email|convertkit\\.com)', // providers
]);

export const SHARE_HREFS = hrefRegex([
  'facebook\\.com/(?:sharer|share\\.php|dialog/share)', // Facebook share
  '(?:twitter|x)\\.com/(?:intent/|share)', // Twitter/X share
  'linkedin\\.com/(?:sharearticle|share|cws/share)', // LinkedIn
  'api\\.whatsapp\\.com/send|wa\\.me/\\?|whatsapp://send', // WhatsApp
  't\\.me/share|telegram\\.me/share', // Telegram
  'vk\\.com/share\\.php|connect\\.ok\\.ru/offer', // VK, OK
  'reddit\\.com/submit|pinterest\\.[a-z.]+/pin/create|tumblr\\.com/widgets/share|getpocket\\.com/save|flipboard\\.com/bookmarklet|news\\.ycombinator\\.com/submitlink', // others
  '^mailto:\\?(?:subject|body)=', // "email this article"
  'bsky\\.app/intent/compose|threads\\.net/intent', // Bluesky, Threads
]);

export const PROFILE_HREFS = hrefRegex([
  '^https?://(?:www\\.)?(?:facebook|instagram|twitter|x|youtube|tiktok|linkedin|pinterest|vk|ok|t|threads|bsky)\\.(?:com|ru|me|net|app)/(?!sharer|share|intent|dialog)[^/?#]+/?(?:[?#]|$)', // follow-us profile links
]);

export const AD_HREFS = hrefRegex([
  '[?&]erid=', // the ad token Russian law requires on every ad link (since 2022) — fixture: sponsored--native-incut-ru
  'doubleclick\\.net|googleadservices\\.com|googlesyndication\\.com|adnxs\\.com|adform\\.net|criteo\\.|taboola\\.com|outbrain\\.com|mgid\\.com|revcontent\\.com|zergnet\\.com|yandex\\.ru/an/|an\\.yandex\\.ru|adfox\\.ru', // ad networks
]);

/** Iframes whose src, name, id or title says "ad". */
export const AD_FRAME = /google_ads_iframe|googlesyndication|doubleclick|aswift_|3rd party ad content|^advertisement$|adnxs|amazon-adsystem|criteo|yandex_rtb|adfox/i;

/** Links whose tracking parameters call them related reading: recirculation rails inside articles. */
export const RELATED_HREFS = hrefRegex([
  '[?&#](?:utm_[a-z]+|itm_[a-z]+|int_[a-z]+|ref|src|source|cmpid|intcmp|icid)=[^&#]*(?:related|read[_-]?more|readmore|recirc|more[_-]?(?:stories|links|news)|recommend|also[_-]?read|bottom[_-]?(?:related|stories))', // aljazeera ?utm_campaign=read_more_links, wired ?itm_campaign=BottomRelatedStories
]);
