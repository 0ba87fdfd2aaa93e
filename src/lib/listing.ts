/**
 * Pure listing logic: sorting, pagination, archives, taxonomy counts, related articles and
 * series order. Pages call these with the articles they got from src/data/.
 */
export interface Listable {
  slug: string;
  date: Date;
  updated?: Date | undefined;
  tags: string[];
  category: string;
  series?: string | undefined;
  seriesOrder?: number | undefined;
  title: string;
}

export const byNewest = <T extends Listable>(a: T, b: T) =>
  b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug);

export interface Page<T> {
  items: T[];
  current: number;
  last: number;
  total: number;
}

export function paginate<T>(items: T[], size: number): Page<T>[] {
  const last = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: last }, (_, i) => ({
    items: items.slice(i * size, (i + 1) * size),
    current: i + 1,
    last,
    total: items.length,
  }));
}

/**
 * Static paths for a listing per term (a tag, a category): each term's articles in pages,
 * page 1 at the term's own URL (`page` undefined), the rest at `…/2/`, `…/3/`.
 */
export function termPagePaths<T>(terms: Iterable<string>, itemsOf: (term: string) => T[], size: number) {
  return [...terms].flatMap((term) =>
    paginate(itemsOf(term), size).map((page) => ({
      params: { term, page: page.current === 1 ? undefined : String(page.current) },
      props: { term, page },
    })),
  );
}

export interface MonthGroup<T> {
  year: number;
  month: number; // 1–12
  items: T[];
}

/** Archive by year and month, newest first (UTC, as frontmatter dates are days). */
export function groupByMonth<T extends Listable>(items: T[]): MonthGroup<T>[] {
  const groups = new Map<string, MonthGroup<T>>();
  for (const item of [...items].sort(byNewest)) {
    const year = item.date.getUTCFullYear();
    const month = item.date.getUTCMonth() + 1;
    const key = `${year}-${month}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { year, month, items: [] }));
    group.items.push(item);
  }
  return [...groups.values()];
}

export function countBy<T>(items: T[], keys: (item: T) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const key of keys(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/**
 * Related articles by shared tags, each tag weighted by its rarity (a shared rare tag says
 * more than a shared common one); ties go to the newer article.
 */
export function relatedArticles<T extends Listable>(all: T[], limit: number): Map<string, T[]> {
  const tagCounts = countBy(all, (item) => item.tags);
  const byTag = new Map<string, T[]>();
  for (const item of all) for (const tag of item.tags) (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(item);
  const related = new Map<string, T[]>();
  for (const item of all) {
    const scores = new Map<T, number>();
    for (const tag of item.tags) {
      const weight = Math.log(1 + all.length / (tagCounts.get(tag) ?? 1));
      for (const other of byTag.get(tag) ?? []) {
        if (other !== item) scores.set(other, (scores.get(other) ?? 0) + weight);
      }
    }
    related.set(
      item.slug,
      [...scores]
        .sort((a, b) => b[1] - a[1] || byNewest(a[0], b[0]))
        .slice(0, limit)
        .map(([other]) => other),
    );
  }
  return related;
}

/** Parts of a series in reading order: seriesOrder first, then date. */
export function seriesParts<T extends Listable>(all: T[], series: string): T[] {
  return all
    .filter((item) => item.series === series)
    .sort(
      (a, b) =>
        (a.seriesOrder ?? Number.MAX_SAFE_INTEGER) - (b.seriesOrder ?? Number.MAX_SAFE_INTEGER) ||
        a.date.getTime() - b.date.getTime() ||
        a.slug.localeCompare(b.slug),
    );
}

/** Tags that appear together with `tag`, most shared first: a topic's related topics. */
export function coOccurringTags<T extends Listable>(all: T[], tag: string, limit: number): [string, number][] {
  const counts = countBy(
    all.filter((item) => item.tags.includes(tag)),
    (item) => item.tags.filter((other) => other !== tag),
  );
  return [...counts].slice(0, limit);
}
