/** One problem found in a network definition, located by a dotted path such as `orgs[2].mspId`. */
export interface DefinitionIssue {
  path: string;
  message: string;
}

/** Why a network definition could not be used. */
export type DefinitionErrorCode = 'DEFINITION_NOT_FOUND' | 'DEFINITION_NOT_YAML' | 'INVALID_DEFINITION';

/** A network definition that cannot be read or is not valid; `issues` lists every problem found. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';

  constructor(
    readonly code: DefinitionErrorCode,
    message: string,
    readonly issues: readonly DefinitionIssue[] = [],
  ) {
    super(
      issues.length === 0
        ? message
        : `${message}:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
    );
  }
}

/** True when `error` is a {@link DefinitionError} (also across module copies). */
export function isDefinitionError(error: unknown): error is DefinitionError {
  return error instanceof Error && error.name === 'DefinitionError';
}
