/**
 * Topic name rules as Kafka enforces them (org.apache.kafka.common.internals.Topic):
 * 1 to 249 characters of [a-zA-Z0-9._-], not "." or "..".
 */
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
export const MAX_TOPIC_NAME_LENGTH = 249;

/** Returns why the name is invalid, or undefined when Kafka accepts it. */
export function topicNameProblem(name: string): string | undefined {
  if (name.length === 0) return "a topic name cannot be empty";
  if (name === "." || name === "..") return `a topic name cannot be "${name}"`;
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `a topic name can have at most ${MAX_TOPIC_NAME_LENGTH} characters, this one has ${name.length}`;
  }
  if (!LEGAL_TOPIC_NAME.test(name)) {
    return `topic name ${JSON.stringify(name)} may only contain ASCII letters, digits, ".", "_" and "-"`;
  }
  return undefined;
}

/** Kafka's metric names replace "." with "_", so "a.b" and "a_b" collide and Kafka refuses the second. */
export function collisionKey(name: string): string {
  return name.replace(/\./g, "_");
}
