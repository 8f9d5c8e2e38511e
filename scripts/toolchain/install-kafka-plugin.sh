#!/usr/bin/env bash
# Builds the Pulumi Kafka resource provider plugin (pulumi-resource-kafka) that the
# @pulumi/kafka SDK in package.json asks for, and installs it into $PULUMI_HOME's plugin
# cache so the Pulumi CLI finds it without downloading anything.
#
# Why it is built here rather than taken from github.com/pulumi/pulumi-kafka/provider/v3:
# the Go module proxy reachable from our machines refuses every version of the
# github.com/pulumi/pulumi-kafka modules (provider and sdk: "403 This module version is not
# available"), and release binaries live on GitHub, which is not reachable. What the proxy
# does serve is the same bridge that the official plugin is made of: the upstream Terraform
# provider (github.com/Mongey/terraform-provider-kafka), pulumi-terraform-bridge and Pulumi's
# fork of terraform-plugin-sdk. So this script writes a small Go module that bridges the
# Terraform provider with the tokens and property names of @pulumi/kafka
# (kafka:index/topic:Topic, Acl's aclResourceName/aclResourceType, ...), generates the
# Pulumi schema from it with the bridge's own tfgen, embeds that schema, and stamps the
# plugin version that the SDK requests (PULUMI_KAFKA_VERSION).
#
# Idempotent: when the installed plugin reports the right version and was built from the
# same pins and sources, it exits at once. The first build compiles the Terraform bridge
# (several minutes on 2 cores); later builds reuse Go's module and build caches.
#
# Usage: scripts/toolchain/install-kafka-plugin.sh [--force]
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

force_flag "$@"

# ---- Pins --------------------------------------------------------------------------------
PLUGIN_NAME="kafka"
PLUGIN_VERSION="$PULUMI_KAFKA_VERSION"
# Upstream Terraform provider. v0.8.1 is what pulumi-kafka v3's provider/go.mod pinned in late
# 2024, and it is served by the proxy (which lists no versions, so newer ones are unknown).
# @pulumi/kafka 3.13.2 was generated from a newer upstream: its SDK also has getTopics,
# UserScramCredential.passwordWo/passwordWoVersion and the config keys saslOauthScopes,
# saslAwsExternalId, saslAwsSharedConfigFiles and saslAwsContainer*, which this plugin lacks.
# Topic, Acl, Quota, UserScramCredential (other fields) and getTopic match the SDK.
TF_PROVIDER_MODULE="github.com/Mongey/terraform-provider-kafka"
TF_PROVIDER_VERSION="v0.8.1"
# pulumi-terraform-bridge release served by the proxy; it needs Go >= 1.24.7.
BRIDGE_MODULE="github.com/pulumi/pulumi-terraform-bridge/v3"
BRIDGE_VERSION="v3.120.0"
# The bridge only works with Pulumi's fork of terraform-plugin-sdk/v2. Replace directives
# apply only in the main module, so ours repeats the one from the bridge's v3.120.0 go.mod.
TF_SDK_FORK_MODULE="github.com/pulumi/terraform-plugin-sdk/v2"
TF_SDK_FORK_VERSION="v2.0.0-20250923233607-7f1981c8674a"
# The Kafka client library of the Terraform provider. v0.8.1 pins v1.43.3, which creates topics with CreateTopics
# v0: Kafka 4 removed v0-v1 (KIP-896) and closes the connection ("UnsupportedVersionException: Received request for
# api with key 19 (CreateTopics) and unsupported version 0" in the broker log), so `pulumi up` fails with
# "sdk.helper_schema: EOF". The newest release served by the proxy picks versions Kafka 4 accepts and works with
# Kafka 3.9 as well; the provider's code builds against it unchanged.
SARAMA_MODULE="github.com/IBM/sarama"
SARAMA_VERSION="$KAFKA_PLUGIN_SARAMA_VERSION" # pinned in scripts/pins.env; scripts/lib/common.sh names PULUMI_HOME after it
# sarama v1.61.1 declares go 1.26.0.
GO_DIRECTIVE="1.26.0"
# The provider builds its topic requests itself and leaves their version at 0, whatever sarama supports; Kafka 4
# refuses CreateTopics v0 and v1 (KIP-896), closes the connection, and `pulumi up` fails with
# "sdk.helper_schema: EOF" (the broker log: "Received request for api with key 19 (CreateTopics) and unsupported
# version 0"). So the build uses a copy of the provider's module with each of those requests given a version that
# Kafka 3.x and 4.x both serve, capped by what the broker announces (the provider's own versionForKey). One line
# per request: "<sarama request type> <Kafka API key> <version>".
PROVIDER_REQUEST_VERSIONS="CreateTopicsRequest 19 4
DeleteTopicsRequest 20 3
AlterConfigsRequest 33 1
CreatePartitionsRequest 37 1"
read -r -d '' PROVIDER_UNKNOWN_TOPIC_GO <<'EOF' || true
package kafka

import (
	"strings"

	"github.com/IBM/sarama"
)

// isUnknownTopic tells whether err reports a topic the brokers do not know (sarama wraps it as text).
func isUnknownTopic(err error) bool {
	return err != nil && strings.Contains(err.Error(), sarama.ErrUnknownTopicOrPartition.Error())
}
EOF

# At start the provider asks each broker for its API versions over the client's own connections, then closes them,
# so its first requests reopen the controller's connection. sarama's Broker.Open marks a broker open before it takes
# the broker's lock; a request made at the same moment can take the lock first and fail with "kafka: broker not
# connected" (seen when `pulumi up` created several topics at once in a fresh provider). The build removes that close:
# the connections stay open, as a sarama client keeps them, and the first requests find them connected.
IFS= read -r -d '' PROVIDER_API_VERSIONS_CLOSE <<'EOF' || true
	defer func() {
		if err := broker.Close(); err != nil && err != sarama.ErrNotConnected {
			log.Fatal(err)
		}
	}()
EOF

MODULE_PATH="kafkaguard.local/pulumi-resource-kafka"
BUILD_DIR="$KAFKAGUARD_CACHE/build/pulumi-resource-kafka-v$PLUGIN_VERSION-sarama-$SARAMA_VERSION"
PLUGINS_DIR="$PULUMI_HOME/plugins"
PLUGIN_DIR="$PLUGINS_DIR/resource-$PLUGIN_NAME-v$PLUGIN_VERSION"
PLUGIN_BIN="$PLUGIN_DIR/pulumi-resource-$PLUGIN_NAME"
STAMP_FILE="$PLUGIN_DIR/.kafkaguard-build"

# ---- Go sources of the plugin --------------------------------------------------------------
GO_MOD="module $MODULE_PATH

go $GO_DIRECTIVE

require (
	$TF_PROVIDER_MODULE $TF_PROVIDER_VERSION
	$BRIDGE_MODULE $BRIDGE_VERSION
	$SARAMA_MODULE $SARAMA_VERSION
)

replace github.com/hashicorp/terraform-plugin-sdk/v2 => $TF_SDK_FORK_MODULE $TF_SDK_FORK_VERSION

replace $TF_PROVIDER_MODULE => ./third_party/terraform-provider-kafka
"

read -r -d '' VERSION_GO <<'EOF' || true
// Package version holds the plugin version, set at link time with -X.
package version

// Version is the plugin version reported by -version and in the schema.
var Version = "0.0.0-dev"
EOF

read -r -d '' PROVIDER_GO <<EOF || true
// Package provider maps the Terraform Kafka provider onto the Pulumi package "kafka" with the
// same resource tokens and property names as the @pulumi/kafka SDK.
package provider

import (
	"github.com/Mongey/terraform-provider-kafka/kafka"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"

	"$MODULE_PATH/version"
)

const pkg = "kafka"

// resourceToken gives "kafka:index/<camelName>:<Name>", e.g. kafka:index/topic:Topic.
func resourceToken(name, camel string) tokens.Type {
	return tokens.Type(pkg + ":index/" + camel + ":" + name)
}

// functionToken gives "kafka:index:<name>", the form the SDK invokes data sources with.
func functionToken(name string) tokens.ModuleMember {
	return tokens.ModuleMember(pkg + ":index:" + name)
}

// envDefault is a config default read from an environment variable, else value.
func envDefault(env string, value interface{}) *tfbridge.SchemaInfo {
	return &tfbridge.SchemaInfo{Default: &tfbridge.DefaultInfo{EnvVars: []string{env}, Value: value}}
}

// Info returns the bridge's description of the provider.
func Info() tfbridge.ProviderInfo {
	noDocs := &tfbridge.DocInfo{Markdown: []byte(" ")}
	info := tfbridge.ProviderInfo{
		P:                 shimv2.NewProvider(kafka.Provider()),
		Name:              pkg,
		Version:           version.Version,
		GitHubOrg:         "Mongey",
		Description:       "A Pulumi package for creating and managing Kafka.",
		Keywords:          []string{"pulumi", "kafka"},
		License:           "Apache-2.0",
		TFProviderLicense: func(l tfbridge.TFProviderLicense) *tfbridge.TFProviderLicense { return &l }(tfbridge.MITLicenseType),
		Config: map[string]*tfbridge.SchemaInfo{
			"sasl_mechanism":  envDefault("KAFKA_SASL_MECHANISM", "plain"),
			"skip_tls_verify": envDefault("KAFKA_SKIP_VERIFY", false),
			"tls_enabled":     envDefault("KAFKA_ENABLE_TLS", true),
		},
		Resources: map[string]*tfbridge.ResourceInfo{
			"kafka_topic": {Tok: resourceToken("Topic", "topic")},
			"kafka_acl": {
				Tok: resourceToken("Acl", "acl"),
				// "resourceName" would clash with the SDK's own resource name argument.
				Fields: map[string]*tfbridge.SchemaInfo{
					"resource_name": {Name: "aclResourceName"},
					"resource_type": {Name: "aclResourceType"},
				},
			},
			"kafka_quota":                 {Tok: resourceToken("Quota", "quota")},
			"kafka_user_scram_credential": {Tok: resourceToken("UserScramCredential", "userScramCredential"), Docs: noDocs},
		},
		DataSources: map[string]*tfbridge.DataSourceInfo{
			"kafka_topic": {Tok: functionToken("getTopic"), Docs: noDocs},
		},
	}
	// A topic's name is optional in the SDK: unnamed topics get "<resource name>-<random>".
	info.SetAutonaming(255, "-")
	return info
}
EOF

read -r -d '' TFGEN_MAIN_GO <<EOF || true
// Command pulumi-tfgen-kafka generates the Pulumi schema of the plugin.
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	"$MODULE_PATH/provider"
	"$MODULE_PATH/version"
)

func main() {
	tfgen.Main("kafka", version.Version, provider.Info())
}
EOF

read -r -d '' RESOURCE_MAIN_GO <<EOF || true
// Command pulumi-resource-kafka is the Pulumi resource provider plugin for Kafka.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"

	"$MODULE_PATH/provider"
	"$MODULE_PATH/version"
)

// schema-embed.json is schema.json (generated by pulumi-tfgen-kafka) plus the plugin version,
// written by generate.go at build time.
//
//go:embed schema-embed.json
var schema []byte

func main() {
	tfbridge.Main("kafka", version.Version, provider.Info(), schema)
}
EOF

read -r -d '' GENERATE_GO <<'EOF' || true
//go:build ignore

// Writes schema-embed.json: schema.json with "version" set from the VERSION environment variable.
package main

import (
	"encoding/json"
	"log"
	"os"
)

func main() {
	version := os.Getenv("VERSION")
	if version == "" {
		log.Fatal("VERSION is not set")
	}
	raw, err := os.ReadFile("schema.json")
	if err != nil {
		log.Fatal(err)
	}
	var spec map[string]json.RawMessage
	if err := json.Unmarshal(raw, &spec); err != nil {
		log.Fatalf("schema.json: %v", err)
	}
	spec["version"], _ = json.Marshal(version)
	out, err := json.Marshal(spec)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("schema-embed.json", out, 0o644); err != nil {
		log.Fatal(err)
	}
}
EOF

# Everything that determines the binary; a change rebuilds even if the version matches.
FINGERPRINT="$(printf '%s\n' "$PLUGIN_VERSION" "$GO_MOD" "$VERSION_GO" "$PROVIDER_GO" \
  "$TFGEN_MAIN_GO" "$RESOURCE_MAIN_GO" "$GENERATE_GO" "$PROVIDER_REQUEST_VERSIONS" "$PROVIDER_UNKNOWN_TOPIC_GO" "$PROVIDER_API_VERSIONS_CLOSE" | sha256sum | cut -d' ' -f1)"

# ---- Fast path: already installed ----------------------------------------------------------
installed_version() {
  [ -x "$PLUGIN_BIN" ] && [ ! -e "$PLUGIN_DIR.partial" ] || return 1
  "$PLUGIN_BIN" -version 2>/dev/null | tr -d '[:space:]'
}

if ! $FORCE && [ "$(installed_version || true)" = "$PLUGIN_VERSION" ] \
  && [ "$(cat "$STAMP_FILE" 2>/dev/null || true)" = "$FINGERPRINT" ]; then
  log "pulumi-resource-$PLUGIN_NAME v$PLUGIN_VERSION already installed at $PLUGIN_BIN"
  exit 0
fi

# ---- Build -----------------------------------------------------------------------------------
need go "install Go >= $GO_DIRECTIVE"
need sha256sum "coreutils"
need perl "Perl (it edits the provider's Go sources)"
TOTAL_START=$SECONDS
step_start=0
step() { step_start=$SECONDS; log "$*"; }
step_done() { log "  done in $((SECONDS - step_start))s"; }

step "writing the plugin's Go module to $BUILD_DIR"
rm -rf "$BUILD_DIR/src"
mkdir -p "$BUILD_DIR/src/version" "$BUILD_DIR/src/provider" \
  "$BUILD_DIR/src/cmd/pulumi-tfgen-$PLUGIN_NAME" "$BUILD_DIR/src/cmd/pulumi-resource-$PLUGIN_NAME" \
  "$BUILD_DIR/bin"
printf '%s' "$GO_MOD" >"$BUILD_DIR/src/go.mod"
printf '%s\n' "$VERSION_GO" >"$BUILD_DIR/src/version/version.go"
printf '%s\n' "$PROVIDER_GO" >"$BUILD_DIR/src/provider/provider.go"
printf '%s\n' "$TFGEN_MAIN_GO" >"$BUILD_DIR/src/cmd/pulumi-tfgen-$PLUGIN_NAME/main.go"
printf '%s\n' "$RESOURCE_MAIN_GO" >"$BUILD_DIR/src/cmd/pulumi-resource-$PLUGIN_NAME/main.go"
printf '%s\n' "$GENERATE_GO" >"$BUILD_DIR/src/cmd/pulumi-resource-$PLUGIN_NAME/generate.go"
# Placeholder so the package compiles before tfgen has written the real schema.
printf '{}\n' >"$BUILD_DIR/src/cmd/pulumi-resource-$PLUGIN_NAME/schema-embed.json"
cd "$BUILD_DIR/src"
step_done

step "patching a copy of $TF_PROVIDER_MODULE@$TF_PROVIDER_VERSION for Kafka 4 and sarama $SARAMA_VERSION"
provider_src="$(go mod download -json "$TF_PROVIDER_MODULE@$TF_PROVIDER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$provider_src" ] || die "go mod download did not give a source folder for $TF_PROVIDER_MODULE@$TF_PROVIDER_VERSION"
mkdir -p "$BUILD_DIR/src/third_party"
cp -r "$provider_src" "$BUILD_DIR/src/third_party/terraform-provider-kafka"
chmod -R u+w "$BUILD_DIR/src/third_party/terraform-provider-kafka"
client_go="$BUILD_DIR/src/third_party/terraform-provider-kafka/kafka/client.go"
while read -r request api_key version; do
  [ "$(grep -c "&sarama\.$request{\$" "$client_go")" = 1 ] \
    || die "expected one '&sarama.$request{' in the provider's kafka/client.go; the patch does not fit $TF_PROVIDER_VERSION"
  sed -i "s/&sarama\.$request{\$/&\n\t\tVersion: int16(c.versionForKey($api_key, $version)),/" "$client_go"
done <<<"$PROVIDER_REQUEST_VERSIONS"
# Newer sarama reports a deleted topic as UNKNOWN_TOPIC_OR_PARTITION, not as the provider's TopicMissingError:
# reading a topic and waiting for its deletion must count that as missing too.
topic_go="$BUILD_DIR/src/third_party/terraform-provider-kafka/kafka/resource_kafka_topic.go"
[ "$(grep -c '_, ok := err.(TopicMissingError)$' "$topic_go")" = 2 ] \
  || die "expected two TopicMissingError checks in the provider's kafka/resource_kafka_topic.go; the patch does not fit $TF_PROVIDER_VERSION"
sed -i 's/^\(\t*\)_, ok := err.(TopicMissingError)$/&\n\1ok = ok || isUnknownTopic(err)/' "$topic_go"
printf '%s\n' "$PROVIDER_UNKNOWN_TOPIC_GO" >"$BUILD_DIR/src/third_party/terraform-provider-kafka/kafka/kafkaguard_unknown_topic.go"
PROVIDER_API_VERSIONS_CLOSE="$PROVIDER_API_VERSIONS_CLOSE" perl -0 -i -ne \
  'my $n = s/\Q$ENV{PROVIDER_API_VERSIONS_CLOSE}\E//g; print; exit($n == 1 ? 0 : 3)' "$client_go" \
  || die "expected one deferred broker.Close() in the provider's kafka/client.go; the patch does not fit $TF_PROVIDER_VERSION"
step_done

step "resolving Go modules ($TF_PROVIDER_MODULE@$TF_PROVIDER_VERSION, $BRIDGE_MODULE@$BRIDGE_VERSION, $SARAMA_MODULE@$SARAMA_VERSION) from $(go env GOPROXY)"
if ! go mod tidy >"$BUILD_DIR/mod.log" 2>&1; then
  tail -n 20 "$BUILD_DIR/mod.log" >&2
  die "could not resolve the plugin's Go modules (full log: $BUILD_DIR/mod.log); every module above must be served by the Go module proxy"
fi
step_done

LDFLAGS="-s -w -X $MODULE_PATH/version.Version=$PLUGIN_VERSION"
export CGO_ENABLED=0

step "compiling pulumi-tfgen-$PLUGIN_NAME (first time: several minutes, the Terraform bridge is large)"
go build -trimpath -ldflags "$LDFLAGS" -o "$BUILD_DIR/bin/pulumi-tfgen-$PLUGIN_NAME" "./cmd/pulumi-tfgen-$PLUGIN_NAME" \
  || die "compiling pulumi-tfgen-$PLUGIN_NAME failed (see the Go errors above)"
step_done

step "generating the Pulumi schema"
if ! "$BUILD_DIR/bin/pulumi-tfgen-$PLUGIN_NAME" schema --skip-docs --skip-examples \
  --out "$BUILD_DIR/src/cmd/pulumi-resource-$PLUGIN_NAME" >"$BUILD_DIR/tfgen.log" 2>&1; then
  tail -n 20 "$BUILD_DIR/tfgen.log" >&2
  die "pulumi-tfgen-$PLUGIN_NAME could not generate schema.json (full log: $BUILD_DIR/tfgen.log)"
fi
( cd "$BUILD_DIR/src/cmd/pulumi-resource-$PLUGIN_NAME" && VERSION="$PLUGIN_VERSION" go run generate.go ) \
  || die "generate.go could not write schema-embed.json from schema.json"
schema="$BUILD_DIR/src/cmd/pulumi-resource-$PLUGIN_NAME/schema-embed.json"
grep -q "\"version\":\"$PLUGIN_VERSION\"" "$schema" \
  || die "generated $schema does not carry version $PLUGIN_VERSION"
grep -q '"kafka:index/topic:Topic"' "$schema" \
  || die "generated $schema lacks the resource kafka:index/topic:Topic"
step_done

step "compiling pulumi-resource-$PLUGIN_NAME v$PLUGIN_VERSION"
go build -trimpath -ldflags "$LDFLAGS" -o "$BUILD_DIR/bin/pulumi-resource-$PLUGIN_NAME" "./cmd/pulumi-resource-$PLUGIN_NAME" \
  || die "compiling pulumi-resource-$PLUGIN_NAME failed (see the Go errors above)"
built_version="$("$BUILD_DIR/bin/pulumi-resource-$PLUGIN_NAME" -version | tr -d '[:space:]')"
[ "$built_version" = "$PLUGIN_VERSION" ] \
  || die "built plugin reports version '$built_version', expected $PLUGIN_VERSION (check the -X ldflags package path)"
step_done

# ---- Install ---------------------------------------------------------------------------------
# Same protocol as 'pulumi plugin install': while "<dir>.partial" exists the CLI ignores the
# plugin directory; "<dir>.lock" serialises installers (the CLI locks it with flock too).
step "installing into $PLUGIN_DIR"
mkdir -p "$PLUGINS_DIR"
exec 9>"$PLUGIN_DIR.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 300 9 || die "timed out waiting for the lock $PLUGIN_DIR.lock"
fi
: >"$PLUGIN_DIR.partial"
rm -rf "$PLUGIN_DIR"
mkdir -p "$PLUGIN_DIR"
install -m 0755 "$BUILD_DIR/bin/pulumi-resource-$PLUGIN_NAME" "$PLUGIN_BIN"
printf '%s\n' "$FINGERPRINT" >"$STAMP_FILE"
rm -f "$PLUGIN_DIR.partial"
exec 9>&-
[ "$(installed_version || true)" = "$PLUGIN_VERSION" ] || die "installed plugin at $PLUGIN_BIN does not report v$PLUGIN_VERSION"
step_done

if command -v pulumi >/dev/null 2>&1; then
  # The listing is read whole before grep: under pipefail, `grep -q` closing the pipe early would make
  # pulumi fail with SIGPIPE and the check fail at random.
  listed="$(pulumi plugin ls 2>/dev/null || true)"
  if grep -Eq "^$PLUGIN_NAME[[:space:]]+resource[[:space:]]+$PLUGIN_VERSION([[:space:]]|\$)" <<<"$listed"; then
    log "pulumi plugin ls lists $PLUGIN_NAME resource $PLUGIN_VERSION"
  else
    die "pulumi plugin ls (PULUMI_HOME=$PULUMI_HOME) does not list $PLUGIN_NAME resource $PLUGIN_VERSION"
  fi
fi
log "pulumi-resource-$PLUGIN_NAME v$PLUGIN_VERSION installed in $((SECONDS - TOTAL_START))s"
