/**
 * Vocabulary of article furniture (see furniture.ts). Class/id tokens (single tokens: `tokenize`
 * splits `article__header` into `article` and `header`) and whole-line patterns in the six languages
 * Decant reads. Patterns describe a whole line, anchored at both ends or at a line's start, never a
 * word that prose uses.
 */

export const CAPTION_TOKENS: ReadonlySet<string> = new Set([
  'caption', 'captions', 'figcaption', 'credit', 'credits', 'copyright', 'photocredit', 'imagecredit',
  'imgcaption', 'legende', 'bildunterschrift', 'didascalia', 'podpis',
]);

export const BYLINE_TOKENS: ReadonlySet<string> = new Set([
  'byline', 'bylines', 'dateline', 'author', 'authors', 'posted', 'postedon', 'meta', 'postmeta',
  'timestamp', 'pubdate', 'published', 'publishdate', 'updated', 'date', 'datetime', 'time', 'autor', 'auteur',
  'autore', 'avtor', 'signature', 'contributor', 'contributors', 'writer', 'reporter',
]);

/** An author box (`div.post-author > div.author-content`, `.author-bio`): a note about the author, at the article's end only. */
export const AUTHOR_BOX_TOKENS: ReadonlySet<string> = new Set([
  'author', 'authors', 'bio', 'biography', 'authorbio', 'authorbox', 'authorinfo', 'aboutauthor', 'abouttheauthor', // WordPress themes (PenciDesign div.post-author) — fixture: text/tail--wordpress-author-box
  'autor', 'auteur', 'autore', 'avtor',
]);

export const STANDFIRST_TOKENS: ReadonlySet<string> = new Set([
  'standfirst', 'dek', 'deck', 'subtitle', 'subheadline', 'subhead', 'strapline', 'summary', // NYT p#article-summary
  'sapo', 'chapo', 'chapeau', 'vorspann', 'occhiello', 'sottotitolo', 'entradilla', 'bajada', 'podzagolovok',
]);

/** Section labels above a headline (`nav.articleLabel`, `.eyebrow`), before the prose only. */
export const KICKER_TOKENS: ReadonlySet<string> = new Set([
  'kicker', 'eyebrow', 'overline', 'rubric', 'rubrik', 'rubrique', 'rubrica', 'flag', 'label', 'category', 'topic',
]);

/** An article's header block (`header.article__header`, `div.entry-header`): before the prose only. */
export const HEADER_TOKENS: ReadonlySet<string> = new Set(['header', 'heading', 'hgroup', 'masthead', 'headline', 'hed']);

/** A case-insensitive fragment for a word whose case must not leak into the rest of a case-sensitive regex. */
const ci = (word: string): string =>
  word.replace(/\p{L}/gu, (c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`));

const NAME = "\\p{Lu}[\\p{L}'’.-]+";
const NAMES = `${NAME}(?:\\s+(?:${NAME}|van|von|de|da|der|del|di|du|la|le|bin|al|y))*`;
const BY = ['by', 'written by', 'words by', 'von', 'par', 'por', 'di', 'da', 'автор:?', 'текст:?'].map((w) => ci(w).replace(/ /g, '\\s+')).join('|');

/**
 * "By Jane Doe", "BY JANE DOE", "By Jane Doe and John Roe, Reuters", "By Justine Coleman -", "Von Max
 * Muster", "Par Jean Dupont", "Автор: Иван Петров". Case-sensitive: names start with a capital.
 */
export const BYLINE_LINE = new RegExp(
  `^(?:${BY})\\s+${NAMES}(?:\\s*(?:,|and|und|et|y|e|и|&)\\s*${NAMES})*(?:\\s*[,|•·–—-]\\s*[^.!?]{0,60})?$`,
  'u',
);

/** Words that stamp a date ("Published", "Updated"); dateline.ts takes them out of bylines with the date. */
export const STAMP = '(?:published|updated|posted|last updated|first published|created|опубликовано|обновлено|дата публикации|veröffentlicht|publiziert|aktualisiert|zuletzt aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const DATE = [
  '\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}', // 30.03.2019, 3/30/19
  '\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?)?', // ISO
  '\\p{L}{3,}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}', // March 30, 2019; Maret 30, 2015
  '\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+\\p{L}{3,}\\.?,?\\s+\\d{4}', // 30 March 2019, 30. März 2019, 30 марта 2019
].join('|');
/** A time of day after a date ("10:30 am EST", "14.05"). */
export const TIME = '\\d{1,2}[:.h]\\d{2}(?:\\s*[ap]\\.?\\s?m\\.?)?(?:\\s*[a-z]{2,4}\\b)?';

/**
 * A line that is only a date, a time stamp or a "Published/Updated" stamp: "Published 11:11 PM EST Nov
 * 19, 2019", "PUBLISHED: 00:01, Tue, Nov 19, 2019", "| UPDATED: 10:43, …", "Updated at 1:23 p.m.",
 * "Posted on March 30, 2015 by Admin", "05/10/2018 - Publicado por: …".
 */
export const DATE_LINE = new RegExp(
  [
    '^(?:[|•·–—-]\\s*)?',
    `(?:${STAMP}(?:\\s+(?:on|at|am|le|el|il))?\\s*:?\\s+)?`,
    '(?:',
    `(?:${TIME}[,\\s]+)?${WEEKDAY}(?:${DATE})(?:[,\\s]+(?:at\\s+|um\\s+|à\\s+|a las\\s+|alle\\s+|в\\s+)?${TIME})?`,
    `|(?<=${STAMP}(?:\\s+(?:on|at|am|le|el|il))?\\s*:?\\s+)${TIME}`, // a time alone only after a stamp word
    ')',
    '(?:\\s*(?:[|•·–—-]|\\bby\\b|\\bpor\\b|\\bvon\\b|\\bpar\\b)\\s*[^.!?]{0,100})?\\.?$',
  ].join(''),
  'iu',
);

/** Photo credits as their own line: "Photo: Reuters", "(AP Photo/Jane Doe)", "Natalie Naccache | Bloomberg | Getty Images". */
export const CREDIT_LINE = new RegExp(
  [
    '^[(\\[]?(?:photo|photos|photograph|image|images|picture|illustration|video|foto|fotos|фото|иллюстрация|bild|crédit|credit|credits|source|quelle|fuente|fonte)\\s*(?:by|de|di|von)?\\s*[:/©]',
    '|^©',
    '|^[(\\[]?(?:[\\p{L}.\\s-]+\\s*[/|]\\s*){0,3}(?:getty images|reuters|ap photo|associated press|afp|shutterstock|epa|efe|ansa|dpa|tass|ria novosti|picture alliance|alamy|istock|bloomberg|xinhua|sipa|nurphoto|zuma)(?:\\s*[/|]\\s*[\\p{L}.\\s-]+){0,3}[)\\]]?$',
  ].join(''),
  'iu',
);

/**
 * A caption that stands outside a figure ends with its photo credit: "… in Hialeah, Fla. (AP Photo/Alan
 * Diaz, File)", "… (Photo by Kevin Mazur/Getty Images for Ithaca Holdings)", "… (credit: NASA/Jude Guidry)".
 */
export const CAPTION_CREDIT_END = new RegExp(
  [
    '\\((?:ap|afp|reuters|epa|ansa|dpa|xinhua|getty)?\\s*(?:photo|foto|image|picture|pic)s?\\s*(?:by|credit|courtesy|:|/)[^()]{0,120}\\)\\.?$',
    '\\((?:photo|image|picture|video)?\\s*credits?\\s*:[^()]{0,120}\\)\\.?$',
    '\\((?:ap|afp|reuters|epa|getty images|bloomberg)\\s*/\\s*[^()]{2,60}\\)\\.?$', // (Reuters/Jane Doe), not "(ePA)"
  ].join('|'),
  'iu',
);

/**
 * A caption that stands outside a figure and opens the way news agencies word them: "In this Dec. 12,
 * 2006, file photo, made available by NASA, …", "FILE - In this Oct. 3, 2019, photo, …", "This undated
 * photo provided by …". Anchored at the line's start; prose does not open by pointing at a photo.
 */
export const CAPTION_START = new RegExp(
  [
    '^(?:file\\s*[-–—:]\\s*)?(?:in this|this)\\s+', // AP, Reuters — fixture: text/caption--agency-photo-line
    '(?:undated\\s+|handout\\s+|file\\s+|(?:\\p{L}{3,9}\\.?\\s+\\d{1,2},?\\s+\\d{4},?\\s+)(?:file\\s+)?)?',
    '(?:photo|image|picture|photograph|frame grab|video grab|handout photo)s?\\b\\s*(?:,|provided|released|made available|taken|shot|obtained)',
  ].join(''),
  'iu',
);

/**
 * Reporting credits: "(Reporting by Will Dunham; Editing by Tom Brown)", "Additional reporting by …",
 * "Associated Press writers … contributed to this report.", "Mit Material von dpa".
 */
export const REPORTING_LINE = new RegExp(
  [
    '^[(\\[]?\\s*(?:additional\\s+|with\\s+)?(?:reporting|writing|editing|research|compiled|translation|translated|graphics|produced)\\s+(?:by|from)\\b',
    '\\bcontributed\\s+(?:to\\s+this\\s+(?:report|story|article)|reporting|additional\\s+reporting)\\b[^.]{0,80}\\.?[)\\]]?$',
    '^[(\\[]?\\s*(?:mit material von|mitarbeit:|avec (?:l’|l\')?(?:afp|reuters|ap)\\b|con (?:información|informacion) de|con la collaborazione di|при участии)',
  ].join('|'),
  'iu',
);

/**
 * Notes about the author at the article's end: "Jane Doe is a freelance writer living in …", "Emiliano
 * joined pv magazine in March 2017.", "Have a tip? … may be reached at …", "Write to Al Root at …",
 * "Follow him on Twitter @…", an e-mail address or profile link alone.
 */
export const AUTHOR_NOTE_LINE = new RegExp(
  [
    '^\\p{Lu}[\\p{L}\'’.-]+(?:\\s+\\p{Lu}[\\p{L}\'’.-]+){0,3}(?:\\s*\\([^)]{0,60}\\))?\\s+(?:is|was|has been)\\s+(?:a|an|the|[\\p{L}\'’]+’s|[\\p{L}\'’]+\'s)\\s+[^.]{0,120}?(?:writer|editor|reporter|correspondent|journalist|columnist|contributor|author|curator|producer|critic|photographer|blogger|founder|analyst|publisher)\\b',
    '^\\p{Lu}[\\p{L}\'’.-]+(?:\\s+\\p{Lu}[\\p{L}\'’.-]+){0,3}\\s+joined\\s+[^.]{0,80}\\b(?:in|since)\\s+(?:\\p{L}+\\s+)?\\d{4}',
    '\\b(?:may|can)\\s+be\\s+reached\\s+at\\b',
    '^(?:have a tip\\?|got a tip\\?)',
    '^(?:e-?mail|contact|write to|reach)\\s+\\p{Lu}[^@]{0,60}?\\s+(?:at\\s+\\S+@|@)',
    '^(?:follow|find)\\s+(?:him|her|them|me|\\p{Lu}\\p{L}+)\\s+on\\s+(?:twitter|x|facebook|instagram|linkedin|mastodon|bluesky)\\b',
    '\\bfollow\\s+(?:him|her|them|us|me)\\s+on\\s+(?:twitter|x|facebook|instagram)\\b[^.]{0,40}@\\w', // "… is out now. Follow him on Twitter @michaeldwall." (space.com) — fixture: text/tail--agency-coverage-links
    '^[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+$',
    '^(?:https?://)?(?:www\\.)?(?:twitter|x|instagram|facebook)\\.com/[\\w.]+/?$',
  ].join('|'),
  'iu',
);

/**
 * Notices that are not the story: copyright and syndication lines, affiliate disclosures, citations,
 * tag lists, separators. In every language Decant reads.
 */
export const NOTICE_LINE = new RegExp(
  [
    '^(?:copyright\\b|©|\\(c\\)\\s|ⓒ)',
    '\\ball rights reserved\\b|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|все права защищены|무단전재|재배포\\s*금지',
    '\\bmay\\s+(?:earn|receive|get)\\s+(?:an?\\s+)?(?:small\\s+)?(?:affiliate\\s+)?(?:commission|share of (?:the )?(?:sale|revenue))',
    '\\b(?:post|article|page|story)\\s+(?:may\\s+)?contains?\\s+affiliate\\b',
    '^citation:',
    '^(?:follow|more|for more|find more|read more|see more)\\b[^.]{0,100}?(?:https?://|www\\.)\\S+(?:\\s+and\\s+(?:https?://|www\\.)\\S+)?$', // "Follow AP's full coverage of Brexit at https://…", "More AP NBA: https://… and https://…" — fixture: text/tail--agency-coverage-links
    '\\bif you have (?:a |any )?(?:news )?tips?\\b[^.!?]{0,80}\\b(?:let us know|contact us|e-?mail us|write to us)\\b', // "… a news tip, correction or comment, let us know at: …" (space.com) — fixture: text/tail--science-author-note-tip-line
    '^via\\s+[\\w-]+\\.[a-z]{2,}$',
    '\\bthis (?:document|material|article) (?:is subject to copyright|may not be (?:published|reproduced|broadcast))',
    '^(?:tags?|filed under|schlagwörter|étiquettes|etiquetas|теги|метки)\\s*:',
    '^[_\\-–—=*·•~]{3,}$',
  ].join('|'),
  'iu',
);

/**
 * A paragraph that opens by asking the reader what they thought of the article — the first line of an
 * appeal appended to the body ("Cet article vous a plu ? Soutenez-nous…"), never the story's own last
 * paragraph. Only the rules' tail position reads it (rules/shared.ts isTailNote): the appeal still needs
 * its own wording to go.
 */
export const READER_APPEAL_LINE = new RegExp(
  [
    '^[\\s\\p{P}]*(?:did you (?:enjoy|like|find value in) (?:this|the) (?:article|story|piece)|(?:if you )?(?:enjoyed|liked|valued) (?:this|the) (?:article|story|piece)|if you value (?:our|this) (?:journalism|reporting|work))', // English
    '^[\\s\\p{P}]*(?:cet article vous a plu|vous avez aimé cet article|vous avez apprécié cet article)', // French — fixture: membership--inline-appeal-fr
    '^[\\s\\p{P}]*(?:¿\\s*)?(?:te ha gustado este artículo|le ha gustado este artículo|te gustó este artículo)', // Spanish
    '^[\\s\\p{P}]*(?:ti è piaciuto questo articolo|vi è piaciuto questo articolo|ti è piaciuto l[\'’]articolo)', // Italian
    '^[\\s\\p{P}]*(?:вам понравилась (?:эта )?статья|понравилась статья|понравился материал)', // Russian
    '^[\\s\\p{P}]*(?:hat (?:ihnen|dir) (?:dieser|der) (?:artikel|beitrag) gefallen|gefällt (?:ihnen|dir) (?:dieser|unser) (?:artikel|journalismus))', // German
  ].join('|'),
  'iu',
);
