import type { Converter } from './site.ts';
export const quarto: Converter = { tool: 'quarto', read() { throw new Error('todo'); }, convert() {} };
