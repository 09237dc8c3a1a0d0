/** Whether the panel is open and which view it shows. */
import { signal } from '@preact/signals';

export type View =
  | { name: 'home' }
  | { name: 'article'; id: string }
  | { name: 'contact' }
  | { name: 'sent'; number: number; email: string }
  | { name: 'requests' }
  /** `rate`: opened from a solve mail's rating link, which chose this score (to confirm, not yet given). */
  | { name: 'request'; id: number; rate?: 'good' | 'bad' };

export function createNavigation() {
  const isOpen = signal(false);
  const view = signal<View>({ name: 'home' });

  return {
    isOpen,
    view,
    show(next: View) {
      view.value = next;
    },
  };
}

export type Navigation = ReturnType<typeof createNavigation>;
