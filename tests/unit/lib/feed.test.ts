/**
 * The RSS writer, read back as a feed reader reads it (@rowanmanning/feed-parser): every
 * field escaped and returned exactly, the newest entry's date on the channel, the entry
 * limit. (Strict XML parsing of every built feed is in tests/e2e/publish-feeds.spec.ts.)
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import { type FeedSource, rssDocument } from '../../../src/lib/feed.ts';

const channel = {
  title: 'ML 知识库 · 标签：<b>"x" & \'y\'</b>',
  description: 'd & e',
  site: 'https://notes.example.net/kb/',
  language: 'zh-CN',
  selfUrl: 'https://notes.example.net/kb/tags/a&b/rss.xml',
};
const source = (n: number, extra: Partial<FeedSource> = {}): FeedSource => ({
  title: `第 ${n} 篇 <script>alert("${n}")</script>`,
  url: `https://notes.example.net/kb/articles/a-${n}/?x=1&y='2'`,
  date: new Date(Date.UTC(2025, 0, 30 - n)),
  summary: `摘要 ${n} & <i>more</i>`,
  tags: ['KV & cache', '<tag>'],
  content: `<p>正文 ${n} <math><mi>x</mi></math> ]]> 'q' &lt;</p>`,
  ...extra,
});

describe('rssDocument', () => {
  const xml = rssDocument(channel, [source(1), source(2), source(3)], 2);
  const feed = parseFeed(xml);

  it('has no unescaped markup from any field', () => {
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    expect(xml).not.toContain('<tag>');
    expect(xml).not.toContain('<p>');
    // The article's own entity stays an entity of the HTML inside the XML text.
    expect(xml).toContain('&amp;lt;');
  });

  it('gives every field back exactly as it went in', () => {
    expect(feed.title).toBe(channel.title);
    expect(feed.description).toBe(channel.description);
    expect(feed.url).toBe(channel.site);
    expect(feed.self).toBe(channel.selfUrl);
    expect(feed.language).toBe(channel.language);
    const first = feed.items[0]!;
    expect(first.title).toBe(source(1).title);
    // The parser normalises addresses as a browser would (' becomes %27).
    expect(first.url).toBe(new URL(source(1).url).href);
    expect(first.id).toBe(source(1).url);
    expect(first.description).toBe(source(1).summary);
    // (The parser also decodes the HTML's own entities, as a reader showing it would.)
    expect(first.content).toBe(source(1).content.replace('&lt;', '<'));
    expect(first.categories.map((category) => category.label)).toEqual(source(1).tags);
    expect(first.published?.toISOString()).toBe(source(1).date.toISOString());
  });

  it('holds the newest `limit` entries and dates the channel by the newest', () => {
    expect(feed.items.map((entry) => entry.title)).toEqual([source(1).title, source(2).title]);
    expect(feed.updated?.toISOString()).toBe(source(1).date.toISOString());
  });

  it('leaves out an empty summary and, without entries, the channel date', () => {
    const bare = rssDocument(channel, [], 20);
    expect(parseFeed(bare).items).toEqual([]);
    expect(bare).not.toContain('lastBuildDate');
    expect(rssDocument(channel, [source(1, { summary: '' })], 20)).not.toContain('<description>摘要');
  });
});
