import { describe, expect, it } from "vitest";
import { deletionProtectionPolicy } from "../../policy-pack/policies/deletion-protection";
import { topicPolicies } from "../../policy-pack/policies/topic-policies";
import {
  type ResourceUnderTest,
  UNKNOWN_NUMBER,
  UNKNOWN_STRING,
  customResource,
  remediate,
  runPolicy,
} from "./run-policy";

const RF = "kafka-topic-min-replication-factor";
const ISR = "kafka-topic-min-insync-replicas";
const ABOVE = "kafka-topic-replicas-above-min-insync";
const UNCLEAN = "kafka-topic-no-unclean-leader-election";

/** Durability values in neutral form; each platform writes them the way its schema types them. */
interface TopicValues {
  rf?: number;
  minIsr?: number;
  unclean?: boolean;
}

interface Platform {
  label: string;
  make(values: TopicValues): ResourceUnderTest;
  /** The fix each rule names, in the platform's terms. */
  fixes: Partial<Record<string, string>>;
}

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

// Shapes from the providers' schemas: @pulumi/aiven KafkaTopicArgs (replication: number,
// config.minInsyncReplicas: string, config.uncleanLeaderElectionEnable: boolean), @pulumi/confluentcloud
// KafkaTopicArgs (config: map of strings), Strimzi KafkaTopic (spec.replicas, spec.config with typed values).
const kafkaTopic: Platform = {
  label: "@pulumi/kafka Topic",
  make: ({ rf, minIsr, unclean }) => ({
    type: "kafka:index/topic:Topic",
    name: "orders",
    props: defined({
      name: "orders",
      partitions: 3,
      replicationFactor: rf,
      config: defined({
        "min.insync.replicas": minIsr === undefined ? undefined : String(minIsr),
        "unclean.leader.election.enable": unclean === undefined ? undefined : String(unclean),
      }),
    }),
  }),
  fixes: {
    [RF]: "set replicationFactor to 3 or more",
    [ISR]: 'set config "min.insync.replicas" to "2" or more',
    [UNCLEAN]: 'set config "unclean.leader.election.enable" to "false"',
  },
};

// @pulumi/aws 7.x TopicArgs (aws/msk/topic.d.ts): replicationFactor and partitionCount numbers, configs a JSON
// object string.
const mskTopic: Platform = {
  label: "@pulumi/aws msk.Topic",
  make: ({ rf, minIsr, unclean }) => ({
    type: "aws:msk/topic:Topic",
    name: "orders-topic",
    props: defined({
      name: "orders",
      clusterArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/main/0",
      partitionCount: 3,
      replicationFactor: rf,
      configs: JSON.stringify(
        defined({
          "retention.ms": "604800000",
          "min.insync.replicas": minIsr === undefined ? undefined : String(minIsr),
          "unclean.leader.election.enable": unclean === undefined ? undefined : String(unclean),
        }),
      ),
    }),
  }),
  fixes: {
    [RF]: "set replicationFactor to 3 or more",
    [ISR]: 'set "min.insync.replicas" in the configs JSON to "2" or more',
    [UNCLEAN]: 'set "unclean.leader.election.enable" in the configs JSON to "false"',
  },
};

// @pulumi/aws-native msk.TopicArgs (aws-native/msk/topic.d.ts): topicName, replicationFactor, and configs, "Base64
// encoded configuration properties of the topic" (a JSON object, as the MSK API takes it).
const awsNativeMskTopic: Platform = {
  label: "@pulumi/aws-native msk.Topic",
  make: (values) => {
    const { props } = mskTopic.make(values);
    const { name, configs, ...rest } = props;
    return {
      type: "aws-native:msk:Topic",
      name: "orders-topic",
      props: { ...rest, topicName: name, configs: Buffer.from(String(configs)).toString("base64") },
    };
  },
  fixes: {
    [RF]: "set replicationFactor to 3 or more",
    [ISR]: 'set "min.insync.replicas" in the configs (base64 of a JSON object) to "2" or more',
  },
};

const aiven: Platform = {
  label: "@pulumi/aiven KafkaTopic",
  make: ({ rf, minIsr, unclean }) => ({
    type: "aiven:index/kafkaTopic:KafkaTopic",
    name: "orders-topic",
    props: defined({
      project: "acme",
      serviceName: "kafka-prod",
      topicName: "orders",
      partitions: 3,
      replication: rf,
      config: defined({
        cleanupPolicy: "delete",
        minInsyncReplicas: minIsr === undefined ? undefined : String(minIsr),
        uncleanLeaderElectionEnable: unclean,
      }),
    }),
  }),
  fixes: {
    [RF]: "set replication to 3 or more",
    [ISR]: 'set config.minInsyncReplicas to "2" or more',
    [UNCLEAN]: "set config.uncleanLeaderElectionEnable to false",
  },
};

const confluent: Platform = {
  label: "@pulumi/confluentcloud KafkaTopic",
  make: ({ minIsr, unclean }) => ({
    type: "confluentcloud:index/kafkaTopic:KafkaTopic",
    name: "orders-topic",
    props: {
      topicName: "orders",
      partitionsCount: 6,
      kafkaCluster: { id: "lkc-abc123" },
      restEndpoint: "https://pkc-00000.us-central1.gcp.confluent.cloud:443",
      config: defined({
        "cleanup.policy": "delete",
        "min.insync.replicas": minIsr === undefined ? undefined : String(minIsr),
        "unclean.leader.election.enable": unclean === undefined ? undefined : String(unclean),
      }),
    },
  }),
  fixes: {
    [ISR]: 'set config "min.insync.replicas" to "2" or more',
    [UNCLEAN]: 'set config "unclean.leader.election.enable" to "false"',
  },
};

function strimzi(version: "v1beta2" | "v1"): Platform {
  return {
    label: `Strimzi KafkaTopic ${version}`,
    make: ({ rf, minIsr, unclean }) => ({
      type: `kubernetes:kafka.strimzi.io/${version}:KafkaTopic`,
      name: "kafka/orders",
      props: {
        apiVersion: `kafka.strimzi.io/${version}`,
        kind: "KafkaTopic",
        metadata: { name: "orders", namespace: "kafka", labels: { "strimzi.io/cluster": "main" } },
        spec: defined({
          partitions: 3,
          replicas: rf,
          config: defined({ "min.insync.replicas": minIsr, "unclean.leader.election.enable": unclean }),
        }),
      },
    }),
    fixes: {
      [RF]: "set spec.replicas to 3 or more",
      [ISR]: 'set spec.config["min.insync.replicas"] to 2 or more',
      [UNCLEAN]: 'set spec.config["unclean.leader.election.enable"] to false',
    },
  };
}

// Confluent for Kubernetes KafkaTopic (platform.confluent.io/v1beta1): spec.replicas, spec.configs (string map),
// spec.kafkaClusterRef.
const cfk: Platform = {
  label: "Confluent for Kubernetes KafkaTopic",
  make: ({ rf, minIsr, unclean }) => ({
    type: "kubernetes:platform.confluent.io/v1beta1:KafkaTopic",
    name: "confluent/orders",
    props: {
      apiVersion: "platform.confluent.io/v1beta1",
      kind: "KafkaTopic",
      metadata: { name: "orders", namespace: "confluent" },
      spec: defined({
        partitionCount: 3,
        replicas: rf,
        kafkaClusterRef: { name: "kafka" },
        configs: defined({
          "min.insync.replicas": minIsr === undefined ? undefined : String(minIsr),
          "unclean.leader.election.enable": unclean === undefined ? undefined : String(unclean),
        }),
      }),
    },
  }),
  fixes: {
    [RF]: "set spec.replicas to 3 or more",
    [ISR]: 'set spec.configs["min.insync.replicas"] to "2" or more',
    [UNCLEAN]: 'set spec.configs["unclean.leader.election.enable"] to "false"',
  },
};

const PLATFORMS = [kafkaTopic, mskTopic, awsNativeMskTopic, aiven, confluent, strimzi("v1beta2"), strimzi("v1"), cfk];
const SAFE: TopicValues = { rf: 3, minIsr: 2, unclean: false };

function policy(name: string) {
  const found = topicPolicies.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no policy ${name}`);
  return found;
}

async function violations(resource: ResourceUnderTest): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const p of topicPolicies) {
    const outcome = await runPolicy(p, resource);
    if (outcome.kind !== "violations") throw new Error(`${p.name}: ${JSON.stringify(outcome)}`);
    if (outcome.messages.length > 0) found[p.name] = outcome.messages;
  }
  return found;
}

describe.each(PLATFORMS)("$label", (platform) => {
  // [case, values, rules violated]; a platform that fixes a value (Confluent's replication factor) skips RF cases.
  it.each<[string, TopicValues, string[]]>([
    ["compliant", SAFE, []],
    ["RF 2", { ...SAFE, rf: 2 }, [RF, ABOVE]],
    ["min ISR 1", { ...SAFE, minIsr: 1 }, [ISR]],
    ["min ISR equal to RF", { ...SAFE, minIsr: 3 }, [ABOVE]],
    ["unclean leader election on", { ...SAFE, unclean: true }, [UNCLEAN]],
  ])("%s", async (_label, values, expected) => {
    if (platform === confluent && values.rf !== SAFE.rf) return;
    const found = await violations(platform.make(values));
    expect(Object.keys(found)).toEqual(expected);
    for (const [rule, messages] of Object.entries(found)) {
      expect(messages[0]).toMatch(/^Topic "orders": /);
      const fix = platform.fixes[rule];
      if (fix !== undefined) expect(messages[0]).toContain(fix);
    }
  });

  it("remediates an unsafe topic into one that passes every topic policy", async () => {
    let resource = platform.make({ rf: 1, minIsr: 1, unclean: true });
    for (const p of topicPolicies) {
      const props = await remediate(p, resource);
      if (props !== undefined) resource = { ...resource, props };
    }
    expect(await violations(resource)).toEqual({});
  });

  it("flags the topic as unprotected until protect is set", async () => {
    const resource = platform.make(SAFE);
    const flagged = await runPolicy(deletionProtectionPolicy, resource);
    expect(flagged).toMatchObject({
      kind: "violations",
      messages: [expect.stringMatching(/^Topic "orders": .*protect: true/)],
    });
    expect(await runPolicy(deletionProtectionPolicy, { ...resource, protect: true })).toEqual({
      kind: "violations",
      messages: [],
    });
  });
});

describe("platform specifics", () => {
  it.each<[string, ResourceUnderTest, Record<string, unknown>]>([
    [
      "@pulumi/kafka: unset min ISR inherits Kafka's default 1",
      kafkaTopic.make({ rf: 3 }),
      { [ISR]: [expect.stringContaining('inherits Kafka\'s built-in default "1"')] },
    ],
    [
      "Aiven: inherited values are left to the stack policy (its Kafka service decides them)",
      aiven.make({ rf: 3 }),
      {},
    ],
    ["Confluent Cloud: unset keys inherit Confluent Cloud's defaults (RF 3, min ISR 2)", confluent.make({}), {}],
    ["Strimzi: inherited values are left to the stack policy", strimzi("v1beta2").make({}), {}],
    ["Confluent for Kubernetes: inherited values are left to the stack policy", cfk.make({}), {}],
  ])("%s", async (_label, resource, expected) => {
    expect(await violations(resource)).toEqual(expected);
  });

  it("MSK: the provider's own documentation example (replication factor 2, min.insync.replicas 2) is refused", async () => {
    // aws/msk/topic.d.ts, "Basic Usage": one broker down and every acks=all write stops.
    const example: ResourceUnderTest = {
      type: "aws:msk/topic:Topic",
      name: "example",
      props: {
        name: "Example",
        clusterArn: "arn:aws:kafka:us-west-2:123456789012:cluster/example/0",
        partitionCount: 2,
        replicationFactor: 2,
        configs: JSON.stringify({
          "retention.ms": "604800000",
          "retention.bytes": "-1",
          "cleanup.policy": "delete",
          "min.insync.replicas": "2",
        }),
      },
    };
    const found = await violations(example);
    expect(Object.keys(found)).toEqual([RF, ABOVE]);
    expect(found[ABOVE]?.[0]).toBe(
      'Topic "Example": replicationFactor 2 is not greater than min.insync.replicas 2 (configs["min.insync.replicas"] is "2"), so one broker down blocks every acks=all write; use replicationFactor = configs["min.insync.replicas"] + 1 or more (e.g. replicationFactor 3 with min.insync.replicas 2 keeps each write on 2 brokers and survives one broker down).',
    );
  });

  it("MSK: configs that are not a JSON object are malformed, and remediation leaves them as written", async () => {
    const safe = mskTopic.make(SAFE);
    const resource = { ...safe, props: { ...safe.props, configs: "min.insync.replicas=2" } };
    expect(await runPolicy(policy(ISR), resource)).toMatchObject({
      messages: [expect.stringContaining("is malformed (the topic config is not a key/value map)")],
    });
    expect(await remediate(policy(ISR), resource)).toEqual(resource.props);
  });

  it("MSK through Cloud Control: remediation writes the configs back as base64 of a JSON object", async () => {
    const fixed = await remediate(policy(ISR), awsNativeMskTopic.make({ ...SAFE, minIsr: 1 }));
    const configs = Buffer.from(String(fixed?.["configs"]), "base64").toString("utf8");
    expect(JSON.parse(configs)).toEqual({
      "retention.ms": "604800000",
      "min.insync.replicas": "2",
      "unclean.leader.election.enable": "false",
    });
  });

  it("MSK through Cloud Control: configs that are not base64 are malformed", async () => {
    const resource = awsNativeMskTopic.make(SAFE);
    const outcome = await runPolicy(policy(ISR), { ...resource, props: { ...resource.props, configs: "not base64!" } });
    expect(outcome).toMatchObject({ messages: [expect.stringContaining("is malformed")] });
  });

  it("Confluent Cloud: a stricter minimum names Confluent Cloud's fixed replication factor", async () => {
    const outcome = await runPolicy(policy(RF), { ...confluent.make(SAFE), config: { minReplicationFactor: 4 } });
    expect(outcome).toMatchObject({
      messages: [expect.stringContaining('inherits the default "3" of Confluent Cloud, below the minimum of 4')],
    });
  });

  it("Strimzi: a topic name in spec.topicName wins over metadata.name", async () => {
    const resource = strimzi("v1beta2").make({ rf: 1 });
    const spec = { ...(resource.props["spec"] as object), topicName: "Orders.V2" };
    const outcome = await runPolicy(policy(RF), { ...resource, props: { ...resource.props, spec } });
    expect(outcome).toMatchObject({ messages: [expect.stringMatching(/^Topic "Orders.V2": /)] });
  });

  it("Aiven: terminationProtection counts as a deletion guard", async () => {
    const resource = aiven.make(SAFE);
    const guarded = { ...resource, props: { ...resource.props, terminationProtection: true } };
    expect(await runPolicy(deletionProtectionPolicy, guarded)).toEqual({ kind: "violations", messages: [] });
    expect(await runPolicy(deletionProtectionPolicy, resource)).toMatchObject({
      messages: [expect.stringContaining("protect: true (or terminationProtection: true)")],
    });
  });

  it.each<[string, string, ResourceUnderTest]>([
    ["Aiven min ISR", ISR, aiven.make({ ...SAFE, minIsr: undefined })],
    ["Strimzi topic name", RF, strimzi("v1beta2").make(SAFE)],
  ])("an unknown value is never compliant: %s", async (label, rule, resource) => {
    const props =
      label === "Aiven min ISR"
        ? { ...resource.props, config: { minInsyncReplicas: UNKNOWN_STRING } }
        : { ...resource.props, metadata: { name: UNKNOWN_STRING, labels: { "strimzi.io/cluster": "main" } } };
    expect(await runPolicy(policy(rule), { ...resource, props })).toMatchObject({ kind: "unknown-during-preview" });
  });

  it("an unknown value only affects the policies that read it", async () => {
    const resource = aiven.make(SAFE);
    const props = {
      ...resource.props,
      config: { minInsyncReplicas: UNKNOWN_STRING, uncleanLeaderElectionEnable: false },
    };
    expect(await runPolicy(policy(RF), { ...resource, props })).toEqual({ kind: "violations", messages: [] });
    expect(await runPolicy(policy(UNCLEAN), { ...resource, props })).toEqual({ kind: "violations", messages: [] });
  });

  it("exemptions apply to every platform's topic name", async () => {
    const config = { exemptions: [{ pattern: "orders", reason: "migrating off the old cluster" }] };
    for (const platform of PLATFORMS) {
      const outcome = await runPolicy(policy(UNCLEAN), { ...platform.make({ ...SAFE, unclean: true }), config });
      expect(outcome).toEqual({ kind: "violations", messages: [] });
    }
  });
});

// Redpanda's operator Topic (cluster.redpanda.com, operator/api/redpanda/v1alpha2/topic_types.go): spec.replicationFactor,
// spec.additionalConfig (a string map), spec.overwriteTopicName, spec.cluster.clusterRef. Redpanda Cloud's Topic of
// @pulumiverse/redpanda (pulumiverse-redpanda 0.1.0 topic.py): name, replicationFactor, configuration, allowDeletion.
function redpandaTopic(version: "v1alpha1" | "v1alpha2"): Platform {
  return {
    label: `Redpanda Topic ${version}`,
    make: ({ rf, minIsr, unclean }) =>
      customResource(
        `cluster.redpanda.com/${version}`,
        "Topic",
        { name: "orders", namespace: "redpanda" },
        defined({
          partitions: 3,
          replicationFactor: rf,
          cluster: { clusterRef: { name: "main" } },
          additionalConfig: defined({
            "cleanup.policy": "delete",
            "min.insync.replicas": minIsr === undefined ? undefined : String(minIsr),
            "unclean.leader.election.enable": unclean === undefined ? undefined : String(unclean),
          }),
        }),
      ),
    fixes: { [RF]: "set spec.replicationFactor to 3 or more" },
  };
}

// The same top-level properties as @pulumi/kafka's Topic, with partitionCount and a configuration map.
const redpandaCloud: Platform = {
  label: "@pulumiverse/redpanda Topic",
  make: (values) => {
    const { partitions, config, ...props } = kafkaTopic.make(values).props;
    return {
      type: "redpanda:index/topic:Topic",
      name: "orders",
      props: { ...props, clusterApiUrl: "https://api.example", partitionCount: partitions, configuration: config },
    };
  },
  fixes: { [RF]: "set replicationFactor to 3 or more" },
};

const REDPANDA = [redpandaTopic("v1alpha1"), redpandaTopic("v1alpha2"), redpandaCloud];

describe.each(REDPANDA)("$label: Raft decides, so only the replication factor is checked", (platform) => {
  it.each<[string, TopicValues, string[]]>([
    ["compliant", SAFE, []],
    ["RF 1", { ...SAFE, rf: 1 }, [RF]],
    // Redpanda refuses even replication factors, but RF 2 still says what kafkaguard wants.
    ["RF 2", { ...SAFE, rf: 2 }, [RF]],
    ["min ISR 1 is ignored by Redpanda", { ...SAFE, minIsr: 1 }, []],
    ["min ISR equal to RF is ignored by Redpanda", { ...SAFE, minIsr: 3 }, []],
    ["unclean leader election is ignored by Redpanda", { ...SAFE, unclean: true }, []],
  ])("%s", async (_label, values, expected) => {
    const resource = platform.make(values);
    const found: string[] = [];
    for (const p of topicPolicies) {
      const outcome = await runPolicy(p, resource);
      if (outcome.kind === "violations" && outcome.messages.length > 0) {
        found.push(p.name);
        expect(outcome.messages[0]).toMatch(/^Topic "orders": /);
        expect(outcome.messages[0]).toContain(platform.fixes[p.name]);
      }
    }
    expect(found).toEqual(expected);
  });

  it.each([ISR, ABOVE, UNCLEAN])("%s is not applicable, with Redpanda's reason", async (name) => {
    const outcome = await runPolicy(policy(name), platform.make({ ...SAFE, minIsr: 1, unclean: true }));
    expect(outcome).toEqual({
      kind: "not-applicable",
      reason: expect.stringMatching(
        name === UNCLEAN
          ? /: Redpanda ignores unclean\.leader\.election\.enable: Raft elects only a replica that holds every acknowledged write$/
          : /: Redpanda ignores min\.insync\.replicas: an acks=all write waits for a Raft majority of the replicas/,
      ),
    });
    expect(await remediate(policy(name), platform.make({ ...SAFE, minIsr: 1, unclean: true }))).toBeUndefined();
  });

  it.each<[string, object, number]>([
    ["to the minimum", {}, 3],
    // Redpanda refuses even replication factors (replication_factor_must_be_odd), so the fix takes the next odd one.
    ["to the next odd number above an even minimum", { minReplicationFactor: 4 }, 5],
  ])("remediates the replication factor %s", async (_label, config, wanted) => {
    const fixed = await remediate(policy(RF), { ...platform.make({ ...SAFE, rf: 1 }), config });
    const spec = fixed?.["spec"] as Record<string, unknown> | undefined;
    expect(spec?.["replicationFactor"] ?? fixed?.["replicationFactor"]).toBe(wanted);
  });
});

describe("Redpanda specifics", () => {
  it("an operator Topic without a replication factor is left to the stack policy (its Redpanda decides)", async () => {
    expect(await runPolicy(policy(RF), redpandaTopic("v1alpha2").make({}))).toEqual({
      kind: "violations",
      messages: [],
    });
  });

  it("a Redpanda Cloud topic without a replication factor gets Redpanda Cloud's 3", async () => {
    expect(await runPolicy(policy(RF), redpandaCloud.make({}))).toEqual({ kind: "violations", messages: [] });
    const outcome = await runPolicy(policy(RF), { ...redpandaCloud.make({}), config: { minReplicationFactor: 5 } });
    expect(outcome).toMatchObject({
      messages: [expect.stringContaining('inherits the default "3" of Redpanda Cloud, below the minimum of 5')],
    });
  });

  it("the rejected message names spec.replicationFactor and the fix", async () => {
    expect(await runPolicy(policy(RF), redpandaTopic("v1alpha2").make({ rf: 1 }))).toEqual({
      kind: "violations",
      messages: [
        'Topic "orders": spec.replicationFactor is 1, below the minimum of 3; set spec.replicationFactor to 3 or more so every committed message is stored on 3 brokers.',
      ],
    });
  });

  it.each<[string, unknown, string]>([
    ["spec.overwriteTopicName wins over metadata.name", "Orders.V2", "Orders.V2"],
    ["an empty spec.overwriteTopicName leaves metadata.name", "", "orders"],
  ])("%s", async (_label, overwriteTopicName, topicName) => {
    const resource = redpandaTopic("v1alpha2").make({ rf: 1 });
    const spec = { ...(resource.props["spec"] as object), overwriteTopicName };
    const outcome = await runPolicy(policy(RF), { ...resource, props: { ...resource.props, spec } });
    expect(outcome).toMatchObject({ messages: [expect.stringMatching(new RegExp(`^Topic "${topicName}": `))] });
  });

  it.each<[string, unknown, string[]]>([
    ["unset: the provider refuses to delete the topic", undefined, []],
    ["false: the provider refuses to delete the topic", false, []],
    [
      "true: a replace or destroy deletes it",
      true,
      [expect.stringContaining("protect: true (or allowDeletion: false)")],
    ],
  ])("Redpanda Cloud's allowDeletion %s", async (_label, allowDeletion, messages) => {
    const resource = redpandaCloud.make(SAFE);
    const props = allowDeletion === undefined ? resource.props : { ...resource.props, allowDeletion };
    expect(await runPolicy(deletionProtectionPolicy, { ...resource, props })).toEqual({ kind: "violations", messages });
  });

  it("an operator Topic is flagged as unprotected until protect is set", async () => {
    const resource = redpandaTopic("v1alpha2").make(SAFE);
    expect(await runPolicy(deletionProtectionPolicy, resource)).toMatchObject({
      messages: [expect.stringMatching(/^Topic "orders": .*set the resource option protect: true\. /)],
    });
    expect(await runPolicy(deletionProtectionPolicy, { ...resource, protect: true })).toEqual({
      kind: "violations",
      messages: [],
    });
  });

  it("an unknown replication factor is never compliant", async () => {
    const resource = redpandaTopic("v1alpha2").make(SAFE);
    const spec = { ...(resource.props["spec"] as object), replicationFactor: UNKNOWN_NUMBER };
    expect(await runPolicy(policy(RF), { ...resource, props: { ...resource.props, spec } })).toMatchObject({
      kind: "unknown-during-preview",
    });
  });

  it("exemptions apply to Redpanda topic names", async () => {
    const config = { exemptions: [{ pattern: "orders", reason: "migrating off the old cluster" }] };
    for (const platform of REDPANDA) {
      expect(await runPolicy(policy(RF), { ...platform.make({ rf: 1 }), config })).toEqual({
        kind: "violations",
        messages: [],
      });
    }
  });
});
