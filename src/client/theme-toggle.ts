/**
 * The theme toggle: follows the system until the reader chooses, then remembers the
 * choice. Hidden without JavaScript, where the system theme applies.
 */
const root = document.documentElement;
const KEY = 'kb-theme';

function effectiveTheme(): 'dark' | 'light' {
  const chosen = root.dataset.theme;
  if (chosen === 'dark' || chosen === 'light') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

for (const button of document.querySelectorAll<HTMLButtonElement>('.theme-toggle')) {
  button.hidden = false;
  const sync = () => button.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
  sync();
  button.addEventListener('click', () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    sync();
  });
}

export {};
