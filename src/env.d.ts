// Astro's ambient types (import.meta.env, astro:content, …) even before `astro sync` has
// generated .astro/, so `npm run check` works on a fresh clone.
/// <reference types="astro/client" />
