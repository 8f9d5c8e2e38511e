/** The durability rule core: pure logic shared by the policy pack and the components. */
export * from "./client-presets";
export * from "./durability-keys";
export * from "./kafka-values";
export * from "./pack-config";
export * from "./rules";
export * from "./thresholds";
export * from "./topic-durability";
export * from "./topic-names";
