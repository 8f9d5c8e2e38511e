// Entry point of the kafkaguard component package: the Pulumi CLI runs this folder as a plugin (PulumiPlugin.yaml)
// and asks it for its schema, which @pulumi/pulumi infers from the TypeScript types of DurableTopic and
// DurableTopicArgs, and to construct DurableTopics for programs in any language.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { DurableTopic } from "./durable-topic";

/** The package folder (where PulumiPlugin.yaml is), whether this file runs from source or compiled into bin/. */
function packageDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "PulumiPlugin.yaml"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no PulumiPlugin.yaml above ${__dirname}`);
  }
}

void componentProviderHost({ name: "kafkaguard", components: [DurableTopic], dirname: packageDir() });
