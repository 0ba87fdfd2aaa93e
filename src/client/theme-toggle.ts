/**
 * The theme button cycles through three settings: the system's theme (the default, nothing
 * stored), and light and dark chosen by the reader (stored, and applied before first paint
 * by the boot script in src/client/theme-boot.ts). From the system setting it goes first to
 * the theme opposite to the system's, so the first press always changes what the reader
 * sees; then the other theme; then back to following the system.
 * Hidden without JavaScript, where the system theme applies.
 */
const root = document.documentElement;
const KEY = 'kb-theme';
type Setting = 'light' | 'dark' | 'system';

const systemDark = matchMedia('(prefers-color-scheme: dark)');
const systemTheme = (): 'light' | 'dark' => (systemDark.matches ? 'dark' : 'light');

function current(): Setting {
  const chosen = root.dataset.theme;
  return chosen === 'dark' || chosen === 'light' ? chosen : 'system';
}

/** The order of the cycle, starting from "system", for the system's theme now. */
function nextAfter(setting: Setting): Setting {
  const opposite = systemTheme() === 'dark' ? 'light' : 'dark';
  const cycle: Setting[] = ['system', opposite, systemTheme()];
  return cycle[(cycle.indexOf(setting) + 1) % cycle.length]!;
}

function apply(setting: Setting): void {
  if (setting === 'system') delete root.dataset.theme;
  else root.dataset.theme = setting;
  try {
    if (setting === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, setting);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('.theme-toggle')) {
  const strings = JSON.parse(button.dataset.themeStrings ?? '{}') as Record<Setting | 'label', string>;
  const sync = () => {
    const setting = current();
    const label = strings.label.replace('{current}', strings[setting]).replace('{next}', strings[nextAfter(setting)]);
    button.dataset.setting = setting;
    button.setAttribute('aria-label', label);
    button.title = label;
  };
  button.hidden = false;
  sync();
  button.addEventListener('click', () => {
    apply(nextAfter(current()));
    sync();
  });
  systemDark.addEventListener('change', sync);
}

export {};
