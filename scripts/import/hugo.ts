import type { Converter } from './site.ts';
export const hugo: Converter = { tool: 'hugo', read() { throw new Error('todo'); }, convert() {} };
