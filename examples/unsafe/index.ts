import * as kafka from "@pulumi/kafka";

// Each topic is unsafe in its own way; kafkaguard's pack blocks all of them at preview.

// One replica: a single broker failure loses the topic's data (and min.insync.replicas falls back to 1).
new kafka.Topic("single-replica", { name: "unsafe-single-replica", partitions: 1, replicationFactor: 1 });

// min.insync.replicas left unset: the broker default of 1 lets the leader alone acknowledge writes.
new kafka.Topic("default-min-isr", { name: "unsafe-default-min-isr", partitions: 1, replicationFactor: 3 });

// Replication factor equal to min.insync.replicas: one broker down and writes stop.
new kafka.Topic("rf-equals-min-isr", {
  name: "unsafe-rf-equals-min-isr",
  partitions: 1,
  replicationFactor: 3,
  config: { "min.insync.replicas": "3" },
});

// Unclean leader election: an out-of-sync replica may lead and acknowledged messages vanish.
new kafka.Topic("unclean-election", {
  name: "unsafe-unclean-election",
  partitions: 1,
  replicationFactor: 3,
  config: { "min.insync.replicas": "2", "unclean.leader.election.enable": "true" },
});
