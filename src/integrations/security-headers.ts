/**
 * The built `_headers`: public/_headers as written, with the origins articles load images
 * and embeds from added to its Content-Security-Policy (the pages' meta policy carries the
 * same, src/layouts/Base.astro).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { withRemoteOrigins } from '../lib/security-policy.ts';
import { remoteOrigins } from '../sources/remote-origins.ts';

export default function securityHeaders(): AstroIntegration {
  return {
    name: 'kb-security-headers',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const file = path.join(fileURLToPath(dir), '_headers');
        if (!fs.existsSync(file)) return;
        const origins = await remoteOrigins();
        if (origins.images.length + origins.frames.length === 0) return;
        const text = fs
          .readFileSync(file, 'utf8')
          .replace(
            /^(\s+Content-Security-Policy:\s*)(.*)$/gm,
            (_, name: string, policy: string) => `${name}${withRemoteOrigins(policy, origins)}`,
          );
        fs.writeFileSync(file, text);
      },
    },
  };
}
