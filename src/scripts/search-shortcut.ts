/** `/` or Ctrl/Cmd-K focuses the header search box; Esc leaves it. */
const input = document.querySelector<HTMLInputElement>('#header-search-input');

document.addEventListener('keydown', (event) => {
  if (!input) return;
  const target = event.target as HTMLElement | null;
  const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  if ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey))) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if (event.key === 'Escape' && target === input) {
    input.blur();
  }
});
