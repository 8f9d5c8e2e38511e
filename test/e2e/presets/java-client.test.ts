import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { durableConsumerProperties, durableProducerProperties } from "../../../core";
import { bootstrapServers, kafkaTool } from "../../support/kafka-admin";
import { type PresetClient, presetBehaviour } from "./harness";

/**
 * The Java client with the Java property names (durableProducerProperties / durableConsumerProperties), through
 * Kafka's own tools from the kafka-tools jar of the running Kafka version: VerifiableProducer (one JSON line per
 * send result) and the console consumer. A properties file given with --producer.config / --consumer.config
 * overrides the tools' own defaults. Runs on Kafka 3.x and 4.x.
 */

const configDir = mkdtempSync(path.join(tmpdir(), "kafkaguard-java-preset-"));
let files = 0;

function propertiesFile(properties: Record<string, string>): string {
  const file = path.join(configDir, `client-${++files}.properties`);
  writeFileSync(
    file,
    Object.entries(properties)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(""),
  );
  return file;
}

interface ProducerEvent {
  name: string;
  exception?: string;
  message?: string;
}

const javaClient: PresetClient = {
  async produce(topic, count, variant, { deliveryTimeoutMs }) {
    const properties: Record<string, string> =
      variant === "preset"
        ? {
            ...durableProducerProperties(deliveryTimeoutMs),
            // The Java client wants delivery.timeout.ms >= request.timeout.ms (30 s by default) + linger.ms (5 ms by
            // default since Kafka 4.0): half the delivery timeout leaves room for any linger.
            ...(deliveryTimeoutMs === undefined ? {} : { "request.timeout.ms": String(deliveryTimeoutMs / 2) }),
          }
        : { acks: "1", "enable.idempotence": "false" };
    const output = await kafkaTool("org.apache.kafka.tools.VerifiableProducer", [
      "--bootstrap-server",
      bootstrapServers().join(","),
      "--topic",
      topic,
      "--max-messages",
      String(count),
      "--producer.config",
      propertiesFile(properties),
    ]);
    const events = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as ProducerEvent);
    const failed = events.find((event) => event.name === "producer_send_error");
    const acknowledged = events.filter((event) => event.name === "producer_send_success").length;
    return failed === undefined
      ? { acknowledged }
      : { acknowledged, error: `${failed.exception ?? "?"}: ${failed.message ?? ""}` };
  },

  async consume(topic, groupId, count, variant) {
    const properties: Record<string, string> = {
      ...durableConsumerProperties(groupId),
      ...(variant === "preset" ? {} : { "enable.auto.commit": "true" }),
    };
    const output = await kafkaTool("org.apache.kafka.tools.consumer.ConsoleConsumer", [
      "--bootstrap-server",
      bootstrapServers().join(","),
      "--topic",
      topic,
      "--consumer.config",
      propertiesFile(properties),
      "--max-messages",
      String(count),
      "--timeout-ms",
      "90000",
      "--property",
      "print.offset=true",
    ]);
    // "Offset:3\t3" per message.
    return [...output.matchAll(/^Offset:(\d+)/gm)].map((match) => Number(match[1]));
  },
};

presetBehaviour(
  "Java property names in the Java client (Kafka's VerifiableProducer and console consumer)",
  () => javaClient,
);
