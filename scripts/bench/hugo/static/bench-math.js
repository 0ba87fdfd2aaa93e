// Renders the page's TeX in the browser with KaTeX's auto-render: the Hugo bench site
// leaves math to the client (our site renders it at build time).
window.addEventListener('DOMContentLoaded', () => {
  window.renderMathInElement(document.body, {
    delimiters: [
      { left: '$$', right: '$$', display: true },
      { left: '\\[', right: '\\]', display: true },
      { left: '$', right: '$', display: false },
      { left: '\\(', right: '\\)', display: false },
    ],
    throwOnError: false,
  });
});
