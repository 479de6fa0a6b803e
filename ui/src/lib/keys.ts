/**
 * Arrow-key movement inside a list of focusable items: Up/Down move, Home/End jump.
 * Items are the elements in `container` matching `selector`; returns true when it moved focus.
 */
export function moveFocus(event: KeyboardEvent, container: HTMLElement, selector = '[data-item]'): boolean {
  const items = Array.from(container.querySelectorAll<HTMLElement>(selector));
  if (items.length === 0) return false;
  const current = items.indexOf(document.activeElement as HTMLElement);
  let next: number;
  switch (event.key) {
    case 'ArrowDown':
      next = current < 0 ? 0 : Math.min(items.length - 1, current + 1);
      break;
    case 'ArrowUp':
      next = current < 0 ? 0 : Math.max(0, current - 1);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = items.length - 1;
      break;
    default:
      return false;
  }
  event.preventDefault();
  items[next].focus();
  return true;
}

/** True for the platform's primary modifier (Ctrl, or Cmd on macOS). */
export function primary(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey;
}
