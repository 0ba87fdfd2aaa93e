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
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-img-'));
  const contentDir = path.join(root, 'content');
  const publicDir = path.join(root, 'public');
  fs.mkdirSync(path.join(contentDir, 'figures'), { recursive: true });
  fs.mkdirSync(path.join(publicDir, 'images'), { recursive: true });
  fs.writeFileSync(path.join(contentDir, 'figures', 'loss curve.png'), 'PNG-bytes');
  fs.writeFileSync(path.join(publicDir, 'images', 'a.png'), 'PNG');
  fs.writeFileSync(path.join(root, 'secret.png'), 'outside');
  const assetDir = path.join(root, 'assets');
  const run = async (html: string, remoteImages: 'warn' | 'error' = 'warn') => {
    const file = new VFile({ path: path.join(contentDir, 'post.md'), value: html });
    const out = String(
      await unified()
        .use(rehypeParse, { fragment: true })
        .use(rehypePublishImages, { base: '/kb/', assetDir, contentDir, publicDir, remoteImages })
        .use(rehypeStringify)
        .process(file),
    );
    return {
      html: out,
      problems: (file.data.problems ?? []).map((problem) => `${problem.rule}: ${problem.message}`),
      remote: file.data.remoteImages,
    };
  };

  it('copies a relative image into the asset store under a content hash and links it there', async () => {
    const { html } = await run('<img src="./figures/loss%20curve.png" alt="loss">');
    const [, name] = /src="\/kb\/_kb\/assets\/([^"]+)"/.exec(html) ?? [];
    expect(name).toMatch(/^[0-9a-f]{12}-loss-curve\.png$/);
    expect(fs.readFileSync(path.join(assetDir, name!), 'utf8')).toBe('PNG-bytes');
    expect(html).toContain('loading="lazy"');
  });

  it('puts the base path in front of public/ images, and keeps remote ones, listing their origins', async () => {
    expect((await run('<img src="/images/a.png" alt="">')).html).toContain('src="/kb/images/a.png"');
    const remote = await run(
      '<img src="https://example.org/a.png" alt=""><img src="https://cdn.example.net/b.png" alt="">',
    );
    expect(remote.html).toContain('src="https://example.org/a.png"');
    expect(remote.problems).toEqual([]);
    expect(remote.remote).toEqual(['https://cdn.example.net', 'https://example.org']);
    expect((await run('<img src="https://example.org/a.png" alt="">', 'error')).problems).toEqual([
      expect.stringMatching(/^image\/remote: image "https:\/\/example.org\/a.png" is loaded from another site/),
    ]);
  });

  it('reports every missing image, and any path that climbs out of the content folder', async () => {
    const { problems } = await run(
      '<img src="./no.png" alt=""><img src="/images/none.png" alt=""><img src="../secret.png" alt="">',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^image\/missing: image "\.\/no\.png" does not exist/),
      expect.stringMatching(/^image\/missing: image "\/images\/none\.png" does not exist/),
      expect.stringMatching(/^image\/outside-content: image "\.\.\/secret\.png" leads out of the content folder/),
    ]);
  });
});
