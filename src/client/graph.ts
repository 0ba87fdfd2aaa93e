/**
 * Zoom, pan and a tag filter for /graph/, on top of an SVG that is complete without
 * JavaScript. Zooming changes the viewBox (buttons, the wheel with Ctrl or ⌘ held, so a
 * plain wheel still scrolls the page); dragging pans. The filter dims every node that
 * neither has the chosen tag nor is that tag, and hides the labels of dimmed nodes.
 */
const svg = document.querySelector<SVGSVGElement>('svg.graph');
const controls = document.querySelector<HTMLElement>('.graph-controls');

if (svg && controls) {
  controls.hidden = false;
  const full = { width: Number(svg.dataset.width), height: Number(svg.dataset.height) };
  let view = { x: 0, y: 0, width: full.width, height: full.height };

  const apply = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.width} ${view.height}`);
  const clamp = () => {
    view.width = Math.min(full.width, Math.max(full.width / 12, view.width));
    view.height = (view.width * full.height) / full.width;
    view.x = Math.min(full.width - view.width, Math.max(0, view.x));
    view.y = Math.min(full.height - view.height, Math.max(0, view.y));
  };
  /** Zooms by `factor` keeping the point (fx, fy) of the view (0–1) where it is. */
  const zoom = (factor: number, fx = 0.5, fy = 0.5) => {
    const width = view.width / factor;
    const height = view.height / factor;
    view = { x: view.x + (view.width - width) * fx, y: view.y + (view.height - height) * fy, width, height };
    clamp();
    apply();
  };

  for (const button of controls.querySelectorAll<HTMLButtonElement>('button[data-zoom]')) {
    button.addEventListener('click', () => {
      if (button.dataset.zoom === 'in') zoom(1.5);
      else if (button.dataset.zoom === 'out') zoom(1 / 1.5);
      else {
        view = { x: 0, y: 0, ...full };
        apply();
      }
    });
  }

  svg.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const box = svg.getBoundingClientRect();
      zoom(
        event.deltaY < 0 ? 1.2 : 1 / 1.2,
        (event.clientX - box.left) / box.width,
        (event.clientY - box.top) / box.height,
      );
    },
    { passive: false },
  );

  // Nodes are links, which the browser would otherwise start to drag and drop.
  svg.addEventListener('dragstart', (event) => event.preventDefault());
  let drag: { x: number; y: number; view: typeof view; moved: boolean } | undefined;
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, view: { ...view }, moved: false };
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    const dx = ((event.clientX - drag.x) * view.width) / box.width;
    const dy = ((event.clientY - drag.y) * view.height) / box.height;
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 4) {
      drag.moved = true;
      svg.setPointerCapture(event.pointerId);
    }
    view = { ...view, x: drag.view.x - dx, y: drag.view.y - dy };
    clamp();
    apply();
  });
  const endDrag = () => {
    // A drag must not also follow the link it started on.
    if (drag?.moved) svg.addEventListener('click', (event) => event.preventDefault(), { capture: true, once: true });
    drag = undefined;
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);

  const filter = controls.querySelector<HTMLSelectElement>('.graph-filter');
  filter?.addEventListener('change', () => {
    const tag = filter.value;
    svg.classList.toggle('graph-filtered', tag !== '');
    for (const node of svg.querySelectorAll<SVGElement>('.graph-node')) {
      const tags = (node.dataset.tags ?? '').split(' ');
      node.classList.toggle('graph-dim', tag !== '' && !tags.includes(tag));
    }
  });
}

export {};
