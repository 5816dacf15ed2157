declare module '@joplin/turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export const gfm: TurndownService.Plugin;
  export const tables: TurndownService.Plugin;
  export const strikethrough: TurndownService.Plugin;
  export const taskListItems: TurndownService.Plugin;
}

declare module 'html-encoding-sniffer' {
  export default function sniffHTMLEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string;
}

declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: Record<string, unknown>[];
    format(format: 'bibtex' | 'biblatex' | 'data' | string, options?: Record<string, unknown>): string | Record<string, unknown>[];
  }
  export const plugins: { config: { get(name: string): Record<string, unknown> } };
}

declare module '@citation-js/plugin-bibtex' {}

declare module '@citation-js/name' {
  export function parse(name: string): { given?: string; family?: string; suffix?: string; 'non-dropping-particle'?: string; 'dropping-particle'?: string };
}

// Readability.js alone (the package's index also loads isProbablyReaderable, which Decant does not use
// and which would weigh on the content script's size budget).
declare module '@mozilla/readability/Readability.js' {
  export { Readability as default } from '@mozilla/readability';
}
