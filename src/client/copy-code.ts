/**
 * Adds a copy button to each code block. Without JavaScript there is no button, since it
 * could not work; the code stays selectable.
 */
import { copyButton } from './copy-button.ts';

const lang = document.documentElement.lang.startsWith('en');
const LABEL = lang ? 'Copy code' : '复制代码';
const DONE = lang ? 'Copied' : '已复制';

for (const block of document.querySelectorAll<HTMLElement>('.code-block')) {
  const code = block.querySelector('pre code');
  const bar = block.querySelector('.code-block-bar');
  if (!code || !bar || !navigator.clipboard) continue;
  // Lines removed in a diff (`// [!code --]`) are not part of the code to copy.
  const text = () => {
    const lines = [...code.querySelectorAll<HTMLElement>('.line')];
    return lines.length
      ? lines
          .filter((line) => !line.classList.contains('remove'))
          .map((line) => line.textContent ?? '')
          .join('\n')
      : (code.textContent ?? '');
  };
  const button = copyButton('copy-code', LABEL, DONE, text);
  bar.append(button);
}
