/** The package name programs use in type tokens (kafkaguard:index:DurableTopic). */
export const PACKAGE_NAME = "kafkaguard";
/** The schema written at build time, next to the compiled provider (dist/provider). */
export const SCHEMA_FILE = "schema.json";
