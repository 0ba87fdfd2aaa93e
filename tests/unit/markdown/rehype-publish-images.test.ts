import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import rehypePublishImages from '../../../src/markdown/rehype-publish-images.ts';

describe('rehype-publish-images', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-img-'));
  fs.mkdirSync(path.join(dir, 'figures'));
  fs.writeFileSync(path.join(dir, 'figures', 'loss curve.png'), 'PNG-bytes');
  const assetDir = path.join(dir, 'assets');
  const run = async (html: string) =>
    String(
      await unified()
        .use(rehypeParse, { fragment: true })
        .use(rehypePublishImages, { base: '/kb/', assetDir })
        .use(rehypeStringify)
        .process(new VFile({ path: path.join(dir, 'post.md'), value: html })),
    );

  it('copies a relative image into the asset store under a content hash and links it there', async () => {
    const html = await run('<img src="./figures/loss%20curve.png" alt="loss">');
    const [, name] = /src="\/kb\/_kb\/assets\/([^"]+)"/.exec(html) ?? [];
    expect(name).toMatch(/^[0-9a-f]{12}-loss-curve\.png$/);
    expect(fs.readFileSync(path.join(assetDir, name!), 'utf8')).toBe('PNG-bytes');
    expect(html).toContain('loading="lazy"');
  });

  it('puts the base path in front of public/ images and leaves remote ones alone', async () => {
    expect(await run('<img src="/images/a.png" alt="">')).toContain('src="/kb/images/a.png"');
    expect(await run('<img src="https://example.org/a.png" alt="">')).toContain('src="https://example.org/a.png"');
  });
});
