import { expect, it } from "vitest";
import { confluentClient } from "./confluent-client";
import { javaLeaderKill } from "./java-cross-check";
import { durabilityProof } from "./proof";

/**
 * The durability proof with the maintained client, which talks to Kafka 4 as well as 3.x: every scenario with
 * @confluentinc/kafka-javascript on confluentKafkaJsDurableSettings, and the leader kill cross-checked with Kafka's
 * own Java VerifiableProducer.
 */
durabilityProof(confluentClient, {
  more: (context) => {
    it("cross-check with the Java client: VerifiableProducer acknowledged, read back by another client, 0 lost", async () => {
      const result = await javaLeaderKill(
        confluentClient,
        context.topics().javaCrossCheckTopic,
        context.group("java-cross-check"),
      );
      context.record([result.figures]);

      expect(result.newLeader).not.toBe(result.oldLeader);
      // The kill came mid-stream: some messages were acknowledged after it.
      expect(result.acknowledged).toBeGreaterThan(result.sent / 4);
      expect(result.lost, `acknowledged but never read back: ${result.lost.slice(0, 20).join(", ")}`).toEqual([]);
    });
  },
});
