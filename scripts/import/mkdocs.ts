import type { Converter } from './site.ts';
export const mkdocs: Converter = { tool: 'mkdocs', read() { throw new Error('todo'); }, convert() {} };
