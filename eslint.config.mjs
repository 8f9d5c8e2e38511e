import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "bin/", "dist/", "policy-pack/bin/", "provider/bin/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // Pulumi programs create resources for their side effects.
      "no-new": "off",
    },
  },
  {
    // The policy pack's entry is plain CommonJS, so the folder runs as it is shipped.
    files: ["policy-pack/index.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
