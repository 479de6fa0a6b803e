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

/**
 * One key binding. `primary`, `shift` and `alt` left out mean "either"; `key` is compared
 * without case (Shift+S gives "S"). `when` decides whether it applies to this event now.
 */
export interface Binding {
  key: string;
  primary?: boolean;
  shift?: boolean;
  alt?: boolean;
  when?: (event: KeyboardEvent) => boolean;
  run: (event: KeyboardEvent) => void;
  /** Leave the browser's default action alone (it is prevented otherwise). */
  keepDefault?: boolean;
}

function matches(b: Binding, e: KeyboardEvent): boolean {
  return (
    b.key.toLowerCase() === e.key.toLowerCase() &&
    (b.primary === undefined || b.primary === primary(e)) &&
    (b.shift === undefined || b.shift === e.shiftKey) &&
    (b.alt === undefined || b.alt === e.altKey) &&
    (b.when === undefined || b.when(e))
  );
}

/** Runs the first binding that matches the event; true when one did. */
export function runKeys(bindings: Binding[], event: KeyboardEvent): boolean {
  const b = bindings.find((b) => matches(b, event));
  if (!b) return false;
  if (!b.keepDefault) event.preventDefault();
  b.run(event);
  return true;
}

/** True while typing: in a text editor, a field or a menu. */
export function inEditor(event: KeyboardEvent): boolean {
  return !!(event.target as Element | null)?.closest?.('.cm-editor, input, textarea, select');
}
