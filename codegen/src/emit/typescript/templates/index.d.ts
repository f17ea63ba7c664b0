/**
 * {{inline:catalog.title}} ({{inline:catalog.name}} {{inline:catalog.version}}).
 *
{{doc:catalog.description}}
 *
 * @module
 */

export * from "./codes.js";
export * from "./errors.js";
export * from "./retry.js";
