import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.md', base: `${process.env.KB_CONTENT_DIR}/articles` }),
  schema: z.object({ title: z.string(), date: z.coerce.date(), tags: z.array(z.string()) }).passthrough(),
});

export const collections = { articles };
