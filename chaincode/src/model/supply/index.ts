/** The supply area's Fabric-free model: lots, custody events, holds, transformations, verification, verdicts. */
export * from './commitment';
export * from './epcis';
export * from './hold';
export * from './lot';
export * from './transformation';
export * from './verdict';
export * from './verification';
