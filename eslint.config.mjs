import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "bin/", "policy-pack/bin/", "provider/bin/", "cli/bin/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // Pulumi programs create resources for their side effects.
      "no-new": "off",
    },
  },
);
