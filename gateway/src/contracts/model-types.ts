/** The input type a model parser returns: the facades take exactly what the chaincode accepts. */
export type InputOf<P extends (raw: never) => unknown> = ReturnType<P>;

/** Any JSON value, for results the model does not name yet. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
