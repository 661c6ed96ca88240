import type { NavTarget } from '../../../../shared/desktop';

/**
 * A place the sign-in screen took from main while looking for an invitation
 * link, but which is for after sign-in (a thread link that launched the app):
 * held here, in this window, until the signed-in app takes it.
 */
let held: NavTarget | null = null;

export function holdNavigation(target: NavTarget): void {
  held = target;
}

export function takeHeldNavigation(): NavTarget | null {
  const target = held;
  held = null;
  return target;
}
