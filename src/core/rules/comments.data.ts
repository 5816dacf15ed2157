/**
 * Comment sections and comment UI (category `comments`).
 */
import type { VendorEntry } from './types';
import { phraseRegex } from './match';

export const COMMENTS_VENDORS: readonly VendorEntry[] = [
  { selector: '#disqus_thread', note: 'Disqus — fixture: comments--disqus-thread' },
  { selector: '#comments', note: 'WordPress comments area — fixture: comments--wordpress-es' },
  { selector: '#respond', note: 'WordPress reply form' },
  { selector: '.comments-area', note: 'WordPress comments area class' },
  { selector: '#coral_thread', note: 'Coral Talk' },
  { selector: '.coral-stream', note: 'Coral Talk stream' },
  { selector: '#hypercomments_widget', note: 'HyperComments (Russian publishers)' },
  { selector: '.fb-comments', note: 'Facebook comments plugin' },
  { selector: '#vf-comments', note: 'Viafoura' },
  { selector: '.viafoura', note: 'Viafoura' },
  { selector: '#spot-im-root', note: 'OpenWeb (Spot.IM)' },
];

export const COMMENTS_TOKENS = [
  'comments', 'comment', 'commentlist', 'comment-list', 'discussion', 'disqus', 'respond', 'replies',
  'kommentare', 'commentaires', 'comentarios', 'commenti', 'kommentarii',
] as const;
export const COMMENTS_STEMS = ['comment'] as const;

export const COMMENTS_TEXT = phraseRegex([
  'comments', 'leave a comment', 'leave a reply', 'post a comment', 'add a comment', 'join the discussion',
  'join the conversation', 'комментарии', 'оставить комментарий', 'kommentare', 'kommentar schreiben',
  'commentaires', 'laisser un commentaire', 'comentarios', 'deja un comentario', 'commenti', 'lascia un commento',
  'tell us what you think', 'post comment', 'post a comment', 'comentários', 'comentarios', // "Tell us what YOU think...", "Post Comment (+)"
  '/\\d+ (?:comments?|комментари\\w*|kommentare?|commentaires?|comentarios?|commenti)/',
]);
