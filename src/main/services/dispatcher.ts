import { specOf, type AllHandlers } from '../../shared/contract';
import { AppError, fail, ok, type Result } from '../../shared/result';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected failures are reported; the renderer only gets a code and a message. */
  onInternalError?: (channel: string, error: unknown) => void;
}

/**
 * The single entry point for every renderer call, whatever carries it (IPC or
 * WebSocket): the channel must be declared, the input must match its schema,
 * and whatever happens comes back as a Result.
 */
export function createDispatcher(handlers: AllHandlers, options: DispatcherOptions = {}): Dispatch {
  return async (channel, input) => {
    const spec = specOf(channel);
    if (spec === undefined) return fail('unknown-method', `No such call: ${channel.slice(0, 100)}`);
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
      return fail('invalid-arguments', `${channel}: ${issues.join('; ')}`);
    }
    const [namespace, method] = channel.split('.') as [keyof AllHandlers, string];
    const handler = (handlers[namespace] as Record<string, (input: unknown) => unknown>)[method];
    if (handler === undefined) return fail('unknown-method', `Not implemented: ${channel}`);
    try {
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message);
      options.onInternalError?.(channel, error);
      return fail('internal', `${channel} failed unexpectedly`);
    }
  };
}
