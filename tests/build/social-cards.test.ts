/**
 * Social cards are cached by content: a second build draws only the card whose article
 * changed what the card shows, reuses the others, and drops the card nothing uses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildFixtures, removeBuild, type FixtureBuild } from './build-fixture.ts';

const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cards-cache-'));
const cards = () => fs.readdirSync(path.join(cache, 'kb-cards')).sort();
const published = (build: FixtureBuild) => fs.readdirSync(path.join(build.outDir, '_kb/cards')).sort();
let first: FixtureBuild;
let second: FixtureBuild;
let firstCards: string[];

beforeAll(async () => {
  first = await buildFixtures(['history'], { env: { KB_CACHE_DIR: cache } });
  firstCards = cards();
  second = await buildFixtures(['history'], {
    env: { KB_CACHE_DIR: cache },
    prepare: (contentDir) => {
      const file = path.join(contentDir, 'articles/pinned.md');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('whose author set updated', 'retitled'));
    },
  });
}, 300_000);
afterAll(() => {
  for (const build of [first, second]) if (build) removeBuild(build);
  fs.rmSync(cache, { recursive: true, force: true });
});

it('the first build draws every card and publishes them', () => {
  expect(first.status, first.output).toBe(0);
  expect(first.output).toMatch(/3 cards: 3 drawn \([\d.]+ ms each/);
  expect(firstCards).toHaveLength(3);
  expect(published(first)).toEqual(firstCards);
});

it('a rebuild draws only the card of the retitled article, and drops its old card', () => {
  expect(second.status, second.output).toBe(0);
  expect(second.output).toMatch(/3 cards: 1 drawn \([\d.]+ ms each[^)]*\), 2 from the cache/);
  const now = cards();
  expect(now.filter((name) => firstCards.includes(name))).toHaveLength(2);
  expect(now).toHaveLength(3);
  expect(published(second)).toEqual(now);
  const page = fs.readFileSync(path.join(second.outDir, 'articles/pinned/index.html'), 'utf8');
  const card = /property="og:image" content="[^"]*\/_kb\/cards\/([0-9a-f]+\.png)"/.exec(page)![1]!;
  expect(firstCards).not.toContain(card);
  expect(now).toContain(card);
});
