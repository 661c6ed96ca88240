import type { NavTarget } from '../../shared/desktop';
import type { Emit } from '../services/events';

/**
 * Carries a request to open a place (deep link, notification click, menu
 * item) to the renderer. The event goes out at once; the place is also kept
 * until a screen takes it, because the request may come before the window is
 * up or before sign-in, when no router listens yet. Only the latest counts.
 */
export class NavigationRelay {
  private pending: NavTarget | null = null;

  constructor(private readonly emit: Emit) {}

  request(target: NavTarget): void {
    this.pending = target;
    this.emit('shell.navigate', target);
  }

  take(): NavTarget | null {
    const target = this.pending;
    this.pending = null;
    return target;
  }
}
