"use strict";
// The ready-made kafkaguard policy pack: `pulumi preview --policy-pack node_modules/kafkaguard/policy-pack`.
// Inside the kafkaguard package the compiled policies sit beside this folder, in ../dist. Published on its own
// (`pulumi policy publish`), the folder gets them from its kafkaguard dependency instead.
const { existsSync } = require("node:fs");
const path = require("node:path");

const beside = path.join(__dirname, "..", "dist", "policy-pack", "bundled.js");
const { runBundledPolicyPack } = require(existsSync(beside) ? beside : "kafkaguard/policy-pack-bundled");
runBundledPolicyPack();
