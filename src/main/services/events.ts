import type { EventName, EventPayload } from '../../shared/contract';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Fans main-process events out to every connected renderer (IPC windows, WebSocket clients). */
export class EventBus {
  private readonly sinks = new Set<Emit>();

  readonly emit: Emit = (event, payload) => {
    for (const sink of this.sinks) sink(event, payload);
  };

  subscribe(sink: Emit): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}
