import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs`: what a search box sends to a server, so typing a name
 * asks once when the typing pauses, not once per keystroke. The first value is there at once.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return undefined;
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, settled, delayMs]);
  return settled;
}
