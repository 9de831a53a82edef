import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DefinitionError } from './errors';
import type { NetworkDefinition } from './types';
import { parseNetworkDefinition } from './validate';

/**
 * Reads a network definition from a YAML file, validates it and fills in defaults.
 * Throws DefinitionError: DEFINITION_NOT_FOUND, DEFINITION_NOT_YAML or INVALID_DEFINITION.
 */
export function loadNetworkDefinition(file: string): NetworkDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DefinitionError(
      'DEFINITION_NOT_FOUND',
      `cannot read network definition ${file}: ${(error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new DefinitionError(
      'DEFINITION_NOT_YAML',
      `network definition ${file} is not valid YAML: ${(error as Error).message}`,
    );
  }
  try {
    return parseNetworkDefinition(value);
  } catch (error) {
    if (error instanceof DefinitionError)
      throw new DefinitionError(error.code, `invalid network definition ${file}`, error.issues);
    throw error;
  }
}
