/**
 * Vocabulary of article furniture (see furniture.ts). Class/id tokens and whole-line patterns in the
 * six languages Decant reads.
 */

export const CAPTION_TOKENS: ReadonlySet<string> = new Set([
  'caption', 'captions', 'figcaption', 'credit', 'credits', 'copyright', 'photocredit', 'imagecredit',
  'imgcaption', 'legende', 'bildunterschrift', 'didascalia', 'podpis',
]);

export const BYLINE_TOKENS: ReadonlySet<string> = new Set([
  'byline', 'bylines', 'dateline', 'author', 'authors', 'posted', 'postedon', 'entry-meta', 'meta', 'postmeta',
  'timestamp', 'pubdate', 'published', 'publishdate', 'updated', 'date', 'datetime', 'time', 'autor', 'auteur',
  'autore', 'avtor', 'signature', 'contributor', 'contributors', 'writer', 'reporter',
]);

export const STANDFIRST_TOKENS: ReadonlySet<string> = new Set([
  'standfirst', 'dek', 'deck', 'subtitle', 'subheadline', 'subhead', 'kicker', 'eyebrow', 'strapline',
  'overline', 'teaser-text', 'lead-in', 'sapo', 'chapo', 'chapeau', 'vorspann', 'occhiello', 'sottotitolo',
  'entradilla', 'bajada', 'podzagolovok',
]);

const NAME = "\\p{Lu}[\\p{L}'’.-]+";
const NAMES = `${NAME}(?:\\s+(?:${NAME}|van|von|de|da|der|del|di|du|la|le|bin|al|y))*`;

/** "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Von Max Muster", "Par Jean Dupont", "Автор: Иван Петров". */
export const BYLINE_LINE = new RegExp(
  `^(?:by|written by|words by|von|par|por|di|da|автор:?|текст:?)\\s+${NAMES}(?:\\s*(?:,|and|und|et|y|e|и|&)\\s*${NAMES})*(?:\\s*[,|•·–—-]\\s*[^.!?]{0,60})?$`,
  'u',
);

/** A line that is only a date or a "Published/Updated" stamp. */
export const DATE_LINE = new RegExp(
  [
    '^(?:(?:published|updated|posted|last updated|first published|опубликовано|обновлено|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)(?:\\s+on)?:?\\s+)?',
    '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?',
    '(?:',
    '\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}', // 30.03.2019, 3/30/19
    '|\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?)?', // ISO
    '|\\p{L}{3,}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}', // March 30, 2019
    '|\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+\\p{L}{3,}\\.?,?\\s+\\d{4}', // 30 March 2019, 30. März 2019, 30 марта 2019
    ')',
    '(?:[,\\s]+(?:at\\s+)?\\d{1,2}[:.h]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4})?)?',
    '(?:\\s*[|•·–—-]\\s*(?:updated|обновлено|aktualisiert|mis à jour|actualizado|aggiornato)?[^.!?]{0,40})?\\.?$',
  ].join(''),
  'iu',
);

/** Photo credits as their own line: "Photo: Reuters", "(AP Photo/Jane Doe)", "Getty Images". */
export const CREDIT_LINE = new RegExp(
  [
    '^[(\\[]?(?:photo|photos|photograph|image|images|picture|illustration|video|foto|fotos|фото|иллюстрация|bild|crédit|credit|credits|source|quelle|fuente|fonte)\\s*(?:by|de|di|von)?\\s*[:/©]',
    '|^©',
    '|^[(\\[]?(?:[\\p{L}.\\s]+\\s*/\\s*)?(?:getty images|reuters|ap photo|associated press|afp|shutterstock|epa|efe|ansa|dpa|tass|ria novosti|picture alliance|alamy|istock)(?:\\s*/\\s*[\\p{L}.\\s]+)?[)\\]]?$',
  ].join(''),
  'iu',
);
