import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const PACK_DIR = path.join(REPO_ROOT, "policy-pack");
const RUN_POLICY_PACK = path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/cmd/run-policy-pack");

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
const LEVELS: Record<EnforcementLevel, analyzer.EnforcementLevel> = {
  advisory: analyzer.EnforcementLevel.ADVISORY,
  mandatory: analyzer.EnforcementLevel.MANDATORY,
  remediate: analyzer.EnforcementLevel.REMEDIATE,
  disabled: analyzer.EnforcementLevel.DISABLED,
};

export interface Diagnostic {
  policyName: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  urn: string;
}

export interface AnalyzedResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  protect?: boolean;
  /** AnalyzeStack only: resources (by name, in the same request) this one depends on. */
  dependsOn?: string[];
  /** AnalyzeStack only: dependencies per property, by resource name. */
  propertyDependencies?: Record<string, string[]>;
  /** AnalyzeStack only: the provider resource (by name, in the same request) this one uses. */
  provider?: string;
}

function levelName(level: analyzer.EnforcementLevel): EnforcementLevel {
  const found = Object.entries(LEVELS).find(([, value]) => value === level);
  if (found === undefined) throw new Error(`unexpected enforcement level ${level}`);
  return found[0] as EnforcementLevel;
}

function urnOf(resource: AnalyzedResource): string {
  return `urn:pulumi:test::kafkaguard::${resource.type}::${resource.name}`;
}

function options(resource: AnalyzedResource): analyzer.AnalyzerResourceOptions {
  return new analyzer.AnalyzerResourceOptions().setProtect(resource.protect ?? false);
}

export function analyzeRequest(resource: AnalyzedResource): analyzer.AnalyzeRequest {
  return new analyzer.AnalyzeRequest()
    .setType(resource.type)
    .setName(resource.name)
    .setUrn(urnOf(resource))
    .setProperties(Struct.fromJavaScript(resource.props as never))
    .setOptions(options(resource));
}

export function analyzeStackRequest(resources: readonly AnalyzedResource[]): analyzer.AnalyzeStackRequest {
  const byName = new Map(resources.map((resource) => [resource.name, resource]));
  const urnNamed = (name: string): string => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`no resource named ${name} in the stack`);
    return urnOf(found);
  };
  return new analyzer.AnalyzeStackRequest().setResourcesList(
    resources.map((resource) => {
      const message = new analyzer.AnalyzerResource()
        .setType(resource.type)
        .setName(resource.name)
        .setUrn(urnOf(resource))
        .setProperties(Struct.fromJavaScript(resource.props as never))
        .setOptions(options(resource))
        .setDependenciesList((resource.dependsOn ?? []).map(urnNamed));
      for (const [property, names] of Object.entries(resource.propertyDependencies ?? {})) {
        message
          .getPropertydependenciesMap()
          .set(property, new analyzer.AnalyzerPropertyDependencies().setUrnsList(names.map(urnNamed)));
      }
      const provider = resource.provider === undefined ? undefined : byName.get(resource.provider);
      if (provider !== undefined) {
        message.setProvider(
          new analyzer.AnalyzerProviderResource()
            .setType(provider.type)
            .setName(provider.name)
            .setUrn(urnOf(provider))
            .setProperties(Struct.fromJavaScript(provider.props as never)),
        );
      }
      return message;
    }),
  );
}

function diagnosticsOf(response: analyzer.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    message: d.getMessage(),
    enforcementLevel: levelName(d.getEnforcementlevel()),
    urn: d.getUrn(),
  }));
}

function unary<Req, Res>(client: AnalyzerClient, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const call = (client as unknown as Record<string, (req: Req, cb: (err: Error | null, res: Res) => void) => void>)[
      method
    ];
    if (call === undefined) throw new Error(`no RPC ${method}`);
    call.call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/**
 * The policy pack running as its own process, started the way Pulumi's Node.js language host starts it
 * (`@pulumi/pulumi/cmd/run-policy-pack` in the pack's folder), driven over the real analyzer gRPC protocol.
 */
export class PolicyPackProcess {
  /** The type tokens sent through Analyze and AnalyzeStack, so a test file can check it covered every one it should. */
  readonly analyzedTypes = { analyze: new Set<string>(), analyzeStack: new Set<string>() };

  private constructor(
    readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
    readonly port: number,
  ) {}

  static async start(packDir = PACK_DIR, env: NodeJS.ProcessEnv = process.env): Promise<PolicyPackProcess> {
    const compiled = path.join(REPO_ROOT, "dist/policy-pack/bundled.js");
    if (packDir === PACK_DIR && !existsSync(compiled)) {
      throw new Error(`the compiled policy pack is missing (${compiled}); run "npm run build" first`);
    }
    const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", "."], {
      cwd: packDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split("\n")[0];
        if (stdout.includes("\n") && line !== undefined) resolve(Number(line.trim()));
      });
      child.once("exit", (code) => reject(new Error(`policy pack exited with ${code} before serving: ${stderr}`)));
    });
    if (!Number.isInteger(port) || port <= 0) throw new Error(`policy pack printed no port (stderr: ${stderr})`);
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new PolicyPackProcess(child, client, port);
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }

  async info(): Promise<analyzer.AnalyzerInfo.AsObject> {
    const response = await unary<Empty, analyzer.AnalyzerInfo>(this.client, "getAnalyzerInfo", new Empty());
    return response.toObject();
  }

  async configure(config: Record<string, { enforcementLevel?: EnforcementLevel; properties?: object }>): Promise<void> {
    const request = new analyzer.ConfigureAnalyzerRequest();
    for (const [policy, entry] of Object.entries(config)) {
      const policyConfig = new analyzer.PolicyConfig().setEnforcementlevel(
        LEVELS[entry.enforcementLevel ?? "mandatory"],
      );
      policyConfig.setProperties(Struct.fromJavaScript((entry.properties ?? {}) as never));
      request.getPolicyconfigMap().set(policy, policyConfig);
    }
    await unary(this.client, "configure", request);
  }

  async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
    this.analyzedTypes.analyze.add(resource.type);
    return diagnosticsOf(await unary(this.client, "analyze", analyzeRequest(resource)));
  }

  async analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]> {
    for (const resource of resources) this.analyzedTypes.analyzeStack.add(resource.type);
    return diagnosticsOf(await unary(this.client, "analyzeStack", analyzeStackRequest(resources)));
  }

  /**
   * One call with its request encoded beforehand and its response kept as bytes. Timing it measures the pack and the
   * transport, not this process's protobuf encoding and decoding, which the engine does in Go at a fraction of the
   * cost (JavaScript takes longer to decode a response than some packs take to answer).
   */
  callEncoded(method: "GetAnalyzerInfo" | "Analyze" | "AnalyzeStack", request: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) =>
      this.client.makeUnaryRequest(
        `/pulumirpc.Analyzer/${method}`,
        (bytes: Uint8Array) => Buffer.from(bytes),
        (bytes: Buffer) => bytes,
        request,
        (error, response) => (error || response === undefined ? reject(error) : resolve(response)),
      ),
    );
  }

  /** Returns the props after every remediation, or undefined when nothing changed. */
  async remediate(resource: AnalyzedResource): Promise<{ props?: Record<string, unknown>; diagnostics: string[] }> {
    const response = await unary<analyzer.AnalyzeRequest, analyzer.RemediateResponse>(
      this.client,
      "remediate",
      analyzeRequest(resource),
    );
    const remediations = response.getRemediationsList();
    const last = remediations.filter((r) => r.hasProperties()).at(-1);
    return {
      props: last?.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
      diagnostics: remediations.map((r) => r.getDiagnostic()).filter((d) => d.length > 0),
    };
  }
}
