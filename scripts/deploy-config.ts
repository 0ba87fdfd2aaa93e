/**
 * `npm run deploy-config [-- --check]`: writes deploy/nginx.conf and deploy/Caddyfile from
 * public/_headers (src/lib/server-config.ts), for the base path of KB_BASE (default /).
 * `--check` only says whether the files are current (the unit tests check it too).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHeadersFile } from '../src/lib/headers-file.ts';
import { caddyConfig, nginxConfig, type ServerOptions } from '../src/lib/server-config.ts';
import { settings } from '../src/settings.ts';

export const DEPLOY_OPTIONS: Omit<ServerOptions, 'base'> = { root: '/srv/ml-kb', serverName: 'example.org' };

export function deployFiles(root: string, base: string): Record<string, string> {
  const rules = parseHeadersFile(fs.readFileSync(path.join(root, 'public/_headers'), 'utf8'));
  const options = { ...DEPLOY_OPTIONS, base };
  return { 'deploy/nginx.conf': nginxConfig(rules, options), 'deploy/Caddyfile': caddyConfig(rules, options) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, text] of Object.entries(deployFiles(settings.root, settings.base))) {
    const file = path.join(settings.root, name);
    const current = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
    if (check) {
      if (!current) stale++;
      console.log(`${name}: ${current ? 'current' : 'out of date (npm run deploy-config)'}`);
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`${name} written (base ${settings.base})`);
    }
  }
  process.exit(stale ? 1 : 0);
}
