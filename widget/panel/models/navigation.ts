/** Whether the panel is open and which view it shows. */
import { signal } from '@preact/signals';

export type View =
  | { name: 'home' }
  | { name: 'article'; id: string }
  | { name: 'contact' }
  | { name: 'sent'; number: number; email: string };

/** What `Porthole('navigate', …)` accepts. */
export type NavigateTarget = 'home' | 'contact' | { article: string };

export function createNavigation() {
  const isOpen = signal(false);
  const view = signal<View>({ name: 'home' });

  return {
    isOpen,
    view,
    show(next: View) {
      view.value = next;
    },
    navigate(target: NavigateTarget) {
      if (target === 'home' || target === 'contact') view.value = { name: target };
      else if (target && typeof target === 'object' && typeof target.article === 'string') view.value = { name: 'article', id: target.article };
    },
  };
}

export type Navigation = ReturnType<typeof createNavigation>;
