import type { ChangeCounterSpec } from './store-dialect.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** The spec's names, checked and quoted for DDL (which takes no bind parameters). */
export function changeCounterNames(spec: ChangeCounterSpec) {
  return {
    table: identifier(spec.table),
    column: identifier(spec.column),
    target: identifier(spec.target.table),
    key: identifier(spec.target.key),
    counter: identifier(spec.target.counter),
    /** Names the triggers (and the PostgreSQL function) after the watched table. */
    object: (suffix: string) => changeCounterObject(spec.table, suffix),
  };
}

/** A trigger's (or the PostgreSQL function's) name: addChangeCounter creates it, dropChangeCounter removes it. */
export function changeCounterObject(table: string, suffix: string): string {
  return identifier(`${table}_counts_${suffix}`);
}
