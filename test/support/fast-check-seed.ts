import fc from "fast-check";

// Property tests run on one fixed seed, so a CI run is deterministic; KAFKAGUARD_FC_SEED=<n> explores another
// (a failure prints the seed and path that reproduce it).
const seed = process.env["KAFKAGUARD_FC_SEED"];
fc.configureGlobal({ seed: seed === undefined ? 20261201 : Number(seed) });
