/**
 * The meta Content-Security-Policy every page carries, from public/_headers (read once per
 * build), so hosts that cannot send headers still enforce the policy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { settings } from '../settings.ts';
import { metaPolicy, parseHeadersFile, sitePolicy } from './headers-file.ts';

let cached: string | undefined | null = null;

export function metaContentSecurityPolicy(): string | undefined {
  if (cached === null) {
    const file = path.join(settings.root, 'public/_headers');
    const policy = fs.existsSync(file) ? sitePolicy(parseHeadersFile(fs.readFileSync(file, 'utf8'))) : undefined;
    cached = policy === undefined ? undefined : metaPolicy(policy);
  }
  return cached;
}
