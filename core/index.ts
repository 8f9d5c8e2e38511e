/** The durability rule core: pure logic shared by the policy pack and the components. */
export * from "./broker-durability";
export * from "./client-presets";
export * from "./cluster-capacity";
export * from "./deletion-protection";
export * from "./durability-keys";
export * from "./java-properties";
export * from "./kafka-values";
export * from "./lazy";
export * from "./live-audit";
export * from "./live-cluster";
export * from "./live-partitions";
export * from "./pack-config";
export * from "./rules";
export * from "./thresholds";
export * from "./topic-durability";
export * from "./topic-names";
