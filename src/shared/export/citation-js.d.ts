/**
 * The part of citation-js (https://citation.js.org) the app uses. The packages
 * ship no types; these follow their documented API.
 */
declare module '@citation-js/core' {
  export interface CiteOptions {
    forceType?: string;
  }
  export interface FormatOptions {
    format?: 'text' | 'html';
    template?: string;
    lang?: string;
    nosort?: boolean;
  }
  export class Cite {
    constructor(data: unknown, options?: CiteOptions);
    data: Record<string, unknown>[];
    format(format: 'bibliography' | 'citation', options?: FormatOptions): string;
    format(format: 'bibtex' | 'ris' | 'data', options?: { format?: 'text' | 'object' }): string;
  }
  interface Register<T> {
    add(name: string, value: T): void;
    has(name: string): boolean;
  }
  export const plugins: {
    config: {
      get(name: '@csl'): { styles: Register<string>; locales: Register<string> };
      get(name: '@bibtex'): { format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean } };
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
