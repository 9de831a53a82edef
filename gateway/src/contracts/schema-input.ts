import type { z } from 'zod';

/**
 * What a caller may pass for a model schema: its input type, in which fields with defaults are
 * optional (the parser fills them). {@link InputOf} is the parsed type, with every default present.
 */
export type SchemaInput<S extends z.ZodType> = z.input<S>;
