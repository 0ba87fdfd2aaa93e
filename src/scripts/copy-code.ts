/**
 * Adds a copy button to each code block. Without JavaScript there is no button, since it
 * could not work; the code stays selectable.
 */
const lang = document.documentElement.lang.startsWith('en');
const LABEL = lang ? 'Copy code' : '复制代码';
const DONE = lang ? 'Copied' : '已复制';

for (const block of document.querySelectorAll<HTMLElement>('.code-block')) {
  const code = block.querySelector('pre code');
  const bar = block.querySelector('.code-block-bar');
  if (!code || !bar || !navigator.clipboard) continue;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-code';
  button.textContent = LABEL;
  button.setAttribute('aria-live', 'polite');
  button.addEventListener('click', async () => {
    // Lines removed in a diff (`// [!code --]`) are not part of the code to copy.
    const lines = [...code.querySelectorAll<HTMLElement>('.line')];
    const text = lines.length
      ? lines.filter((line) => !line.classList.contains('remove')).map((line) => line.textContent ?? '').join('\n')
      : code.textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = DONE;
      setTimeout(() => (button.textContent = LABEL), 1500);
    } catch {
      button.textContent = LABEL;
    }
  });
  bar.append(button);
}

export {};
