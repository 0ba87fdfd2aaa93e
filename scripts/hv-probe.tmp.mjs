import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import fs from 'node:fs'; import path from 'node:path';
const root = process.argv[2];
const loader = new FileSystemConfigLoader({ extends: ['html-validate:recommended'] });
const hv = new HtmlValidate(loader);
const files = fs.readdirSync(root, { recursive: true }).filter(f => f.endsWith('.html') && !f.startsWith('pagefind'));
const t = Date.now(); const counts = {};
for (const f of files) {
  const r = await hv.validateFile(path.join(root, f));
  for (const res of r.results) for (const m of res.messages) { counts[m.ruleId] = (counts[m.ruleId]||0)+1; if (counts[m.ruleId] <= 2) console.log(f, m.line, m.ruleId, m.message, (m.selector||'')); }
}
console.log(Date.now()-t, 'ms', files.length, counts);
