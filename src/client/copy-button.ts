/**
 * A button that copies text and says so for a moment. Shared by the code and formula copy
 * controls; the text is computed at click time so it reflects the page as it is.
 */
export function copyButton(className: string, label: string, done: string, text: () => string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = label;
  button.setAttribute('aria-live', 'polite');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = done;
      setTimeout(() => (button.textContent = label), 1500);
    } catch {
      button.textContent = label;
    }
  });
  return button;
}
