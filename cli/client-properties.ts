import { KafkaguardConfigError, parseJavaProperties } from "../core";

/**
 * How to reach the cluster securely, from a client properties file in the `--command-config` convention of
 * Kafka's own tools. Pure: file paths are returned, not read.
 */
export interface ClientSecurity {
  tls?: {
    /** PEM file of the CA certificates to trust (ssl.truststore.location with ssl.truststore.type=PEM). */
    caFile?: string;
    /** PEM certificate chain and key (ssl.keystore.type=PEM), or a PKCS12 keystore with its password. */
    certFile?: string;
    keyFile?: string;
    pkcs12File?: string;
    passphrase?: string;
    /** False when ssl.endpoint.identification.algorithm is empty (Kafka's way to skip host name checks). */
    checkServerName: boolean;
  };
  sasl?: { mechanism: "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512"; username: string; password: string };
}

const SECURITY_PROTOCOLS = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] as const;
const SASL_MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const;

/** The client properties the audit understands; any other key is reported as ignored. */
export const CLIENT_PROPERTY_KEYS = [
  "security.protocol",
  "sasl.mechanism",
  "sasl.jaas.config",
  "ssl.truststore.location",
  "ssl.truststore.type",
  "ssl.truststore.password",
  "ssl.keystore.location",
  "ssl.keystore.type",
  "ssl.keystore.password",
  "ssl.key.password",
  "ssl.endpoint.identification.algorithm",
  "client.id",
  "request.timeout.ms",
] as const;

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  const upper = value.trim().toUpperCase();
  const found = allowed.find((candidate) => candidate === upper);
  if (found === undefined) {
    throw new KafkaguardConfigError(`${key}=${value} is not supported; expected one of ${allowed.join(", ")}`);
  }
  return found;
}

/** username="…" password="…" from a PlainLoginModule or ScramLoginModule JAAS line. */
function jaasCredentials(jaas: string): { username: string; password: string } {
  // JAAS reads quoted values like Java's StreamTokenizer: a backslash escapes the next character.
  const option = (name: string) =>
    new RegExp(`\\b${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(jaas)?.[1]?.replace(/\\(.)/g, "$1");
  const username = option("username");
  const password = option("password");
  if (!/(PlainLoginModule|ScramLoginModule)/.test(jaas) || username === undefined || password === undefined) {
    throw new KafkaguardConfigError(
      'sasl.jaas.config must be a PlainLoginModule or ScramLoginModule with username="…" and password="…"',
    );
  }
  return { username, password };
}

/** Reads a client properties file's text; throws a one-line KafkaguardConfigError for what cannot be honoured. */
export function parseClientProperties(text: string): { security: ClientSecurity; ignoredKeys: string[] } {
  const parsed = parseJavaProperties(text);
  if (!parsed.ok) throw new KafkaguardConfigError(`cannot read the client properties: ${parsed.problem}`);
  const props = parsed.entries;
  const get = (key: (typeof CLIENT_PROPERTY_KEYS)[number]) => {
    const value = props[key]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const ignoredKeys = Object.keys(props).filter((key) => !(CLIENT_PROPERTY_KEYS as readonly string[]).includes(key));
  const protocol = oneOf("security.protocol", get("security.protocol") ?? "PLAINTEXT", SECURITY_PROTOCOLS);
  const security: ClientSecurity = {};

  if (protocol === "SASL_PLAINTEXT" || protocol === "SASL_SSL") {
    const mechanism = oneOf("sasl.mechanism", get("sasl.mechanism") ?? "GSSAPI", SASL_MECHANISMS);
    const jaas = get("sasl.jaas.config");
    if (jaas === undefined) throw new KafkaguardConfigError(`security.protocol=${protocol} needs sasl.jaas.config`);
    security.sasl = { mechanism, ...jaasCredentials(jaas) };
  }
  if (protocol === "SSL" || protocol === "SASL_SSL") {
    const tls: NonNullable<ClientSecurity["tls"]> = {
      checkServerName: props["ssl.endpoint.identification.algorithm"]?.trim() !== "",
    };
    const truststore = get("ssl.truststore.location");
    if (truststore !== undefined) {
      oneOf("ssl.truststore.type", get("ssl.truststore.type") ?? "JKS", ["PEM"]);
      tls.caFile = truststore;
    }
    const keystore = get("ssl.keystore.location");
    if (keystore !== undefined) {
      const type = oneOf("ssl.keystore.type", get("ssl.keystore.type") ?? "JKS", ["PEM", "PKCS12"]);
      const password = get("ssl.key.password") ?? get("ssl.keystore.password");
      if (type === "PKCS12") tls.pkcs12File = keystore;
      else tls.certFile = tls.keyFile = keystore;
      if (password !== undefined) tls.passphrase = password;
    }
    security.tls = tls;
  }
  return { security, ignoredKeys };
}
