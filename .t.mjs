import { JSDOM } from 'jsdom';
import { htmlToMarkdown } from './src/export/markdown.ts';
