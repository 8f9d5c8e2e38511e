import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import { DurableTopic } from "../../../../components";

// Topic names carry the stack name, so runs never share a topic. deletionGuard "none": the test destroys them.
const prefix = `durability-${pulumi.getStack()}`;

// One partition: "the partition leader" is one broker, which the test kills mid-stream.
const leaderKill = new DurableTopic("leader-kill", {
  topicName: `${prefix}-leader-kill`,
  partitions: 1,
  deletionGuard: "none",
});

// The same, written by Kafka's own Java client (the cross-check of the maintained clients' proof).
const javaCrossCheck = new DurableTopic("java-cross-check", {
  topicName: `${prefix}-java-cross-check`,
  partitions: 1,
  deletionGuard: "none",
});

// Two of its three replicas are taken down at once.
const quorumLoss = new DurableTopic("quorum-loss", {
  topicName: `${prefix}-quorum-loss`,
  partitions: 1,
  deletionGuard: "none",
});

// The contrast pair, put through the same broker failures.
const contrastDurable = new DurableTopic("contrast-durable", {
  topicName: `${prefix}-contrast-durable`,
  partitions: 1,
  deletionGuard: "none",
});

// Every setting the policy pack rejects: two copies, a write counts once the leader has it, and a replica that
// missed writes may become leader.
const contrastUnsafe = new kafka.Topic("contrast-unsafe", {
  name: `${prefix}-contrast-unsafe`,
  partitions: 1,
  replicationFactor: 2,
  config: { "min.insync.replicas": "1", "unclean.leader.election.enable": "true" },
});

// Partitions are added to it while producing (outside Pulumi: the test calls CreatePartitions).
const newPartitions = new DurableTopic("new-partitions", {
  topicName: `${prefix}-new-partitions`,
  partitions: 2,
  deletionGuard: "none",
});

// Four producers, one per setting, write to it while its followers are frozen and its leader is killed.
const leaderAlone = new DurableTopic("leader-alone", {
  topicName: `${prefix}-leader-alone`,
  partitions: 1,
  deletionGuard: "none",
});

// Replication factor equal to min.insync.replicas, which the pack rejects, next to the DurableTopic's 3 and 2.
const replicasEqualMinIsr = new kafka.Topic("replicas-equal-min-isr", {
  name: `${prefix}-replicas-equal-min-isr`,
  partitions: 1,
  replicationFactor: 3,
  config: { "min.insync.replicas": "3", "unclean.leader.election.enable": "false" },
});
const replicasAboveMinIsr = new DurableTopic("replicas-above-min-isr", {
  topicName: `${prefix}-replicas-above-min-isr`,
  partitions: 1,
  deletionGuard: "none",
});

// Read by a consumer process that is killed mid-work, once per commit setting.
const consumerCommits = new DurableTopic("consumer-commits", {
  topicName: `${prefix}-consumer-commits`,
  partitions: 1,
  deletionGuard: "none",
});

export const leaderKillTopic = leaderKill.topicName;
export const javaCrossCheckTopic = javaCrossCheck.topicName;
export const quorumLossTopic = quorumLoss.topicName;
export const contrastDurableTopic = contrastDurable.topicName;
export const contrastUnsafeTopic = contrastUnsafe.name;
export const newPartitionsTopic = newPartitions.topicName;
export const leaderAloneTopic = leaderAlone.topicName;
export const replicasEqualMinIsrTopic = replicasEqualMinIsr.name;
export const replicasAboveMinIsrTopic = replicasAboveMinIsr.topicName;
export const consumerCommitsTopic = consumerCommits.topicName;
