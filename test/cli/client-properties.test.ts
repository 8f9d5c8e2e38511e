import { describe, expect, it } from "vitest";
import { parseClientProperties } from "../../cli/client-properties";

describe("parseClientProperties: the --command-config file of Kafka's tools", () => {
  const cases: { name: string; text: string; expected: object }[] = [
    { name: "an empty file is plaintext", text: "", expected: {} },
    {
      name: "SASL/PLAIN over plaintext",
      text: 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cr\\\\"et";\n',
      expected: { sasl: { mechanism: "PLAIN", username: "alice", password: 's3cr"et' } },
    },
    {
      name: "SCRAM over TLS with a PEM trust store and no host name check",
      text: [
        "security.protocol=SASL_SSL",
        "sasl.mechanism=SCRAM-SHA-512",
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="bob" password="pw";',
        "ssl.truststore.type=PEM",
        "ssl.truststore.location=/etc/ca.pem",
        "ssl.endpoint.identification.algorithm=",
      ].join("\n"),
      expected: {
        sasl: { mechanism: "SCRAM-SHA-512", username: "bob", password: "pw" },
        tls: { caFile: "/etc/ca.pem", checkServerName: false },
      },
    },
    {
      name: "mutual TLS with a PKCS12 key store",
      text: "security.protocol=SSL\nssl.keystore.type=PKCS12\nssl.keystore.location=/k.p12\nssl.keystore.password=pw\n",
      expected: { tls: { pkcs12File: "/k.p12", passphrase: "pw", checkServerName: true } },
    },
  ];
  it.each(cases)("$name", ({ text, expected }) => {
    expect(parseClientProperties(text).security).toEqual(expected);
  });

  it("lists the keys it ignores", () => {
    expect(parseClientProperties("client.id=x\nlinger.ms=5\n").ignoredKeys).toEqual(["linger.ms"]);
  });

  const errors: { name: string; text: string; message: RegExp }[] = [
    { name: "an unknown protocol", text: "security.protocol=TLS", message: /security\.protocol=TLS is not supported/ },
    {
      name: "GSSAPI",
      text: "security.protocol=SASL_SSL\nsasl.mechanism=GSSAPI",
      message: /sasl\.mechanism=GSSAPI is not supported/,
    },
    {
      name: "SASL without JAAS",
      text: "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN",
      message: /needs sasl\.jaas\.config/,
    },
    {
      name: "a JAAS line without a password",
      text: 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="a";',
      message: /username="…" and password="…"/,
    },
    {
      name: "a JKS trust store",
      text: "security.protocol=SSL\nssl.truststore.location=/t.jks",
      message: /ssl\.truststore\.type=JKS is not supported; expected one of PEM/,
    },
  ];
  it.each(errors)("refuses $name in one line", ({ text, message }) => {
    expect(() => parseClientProperties(text)).toThrow(message);
  });
});
