import { z } from 'zod';

/**
 * A string whose length is checked first and aborts the field, so that no pattern or
 * refinement chained after it runs on an overlong value: V8's regex backtracking stack
 * overflows on a megabyte-long run, which would end in a stack trace instead of a message.
 */
export const boundedString = (max: number, messages: { readonly type: string; readonly tooLong: string }) =>
  z.string({ error: messages.type }).max(max, { error: messages.tooLong, abort: true });
