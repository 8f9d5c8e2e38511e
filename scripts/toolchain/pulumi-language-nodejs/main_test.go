// Tests drive every RPC the host implements over real gRPC, with the real `node` on PATH. Programs
// and plugins are small stand-ins for @pulumi/pulumi's cmd/run, cmd/run-plugin and cmd/run-policy-pack
// in a temporary node_modules: each writes what it was started with (arguments, node flags,
// environment) to a JSON file that the test reads back.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// startHost serves a fresh host on a loopback port and returns a client for it.
func startHost(t *testing.T) (*host, pulumirpc.LanguageRuntimeClient) {
	t.Helper()
	h := newHost("", "")
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer()
	pulumirpc.RegisterLanguageRuntimeServer(server, h)
	go func() { _ = server.Serve(listener) }()
	conn, err := grpc.NewClient(listener.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		server.Stop()
	})
	return h, pulumirpc.NewLanguageRuntimeClient(conn)
}

// recorder is a Node.js script that writes how it was started to $KG_RECORD, then exits with
// $KG_EXIT_CODE (0 by default); with KG_WAIT_FOR_KILL set it writes the record and waits.
const recorder = `
const fs = require("fs");
fs.writeFileSync(process.env.KG_RECORD, JSON.stringify({
  argv: process.argv.slice(2),
  execArgv: process.execArgv,
  cwd: process.cwd(),
  env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("PULUMI_") || k.startsWith("KG_"))),
}));
process.stdout.write("to stdout\n");
process.stderr.write("to stderr\n");
if (process.env.KG_WAIT_FOR_KILL) setInterval(() => {}, 1000);
else process.exitCode = Number(process.env.KG_EXIT_CODE || 0);
`

type record struct {
	Argv     []string          `json:"argv"`
	ExecArgv []string          `json:"execArgv"`
	Cwd      string            `json:"cwd"`
	Env      map[string]string `json:"env"`
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// project makes a program folder whose node_modules holds @pulumi/pulumi's three entry points as
// recorders, and points KG_RECORD at a file in it.
func project(t *testing.T) (dir, recordFile string) {
	t.Helper()
	dir = t.TempDir()
	writeFile(t, filepath.Join(dir, "package.json"), `{"name":"prog","dependencies":{"@pulumi/pulumi":"*","@pulumi/kafka":"*"},"devDependencies":{"typescript":"*"}}`)
	sdk := filepath.Join(dir, "node_modules", "@pulumi", "pulumi")
	writeFile(t, filepath.Join(sdk, "package.json"), `{"name":"@pulumi/pulumi","version":"3.999.0"}`)
	for _, entry := range []string{"run", "run-plugin", "run-policy-pack"} {
		writeFile(t, filepath.Join(sdk, "cmd", entry, "index.js"), recorder)
	}
	recordFile = filepath.Join(dir, "record.json")
	t.Setenv("KG_RECORD", recordFile)
	return dir, recordFile
}

func readRecord(t *testing.T, path string) record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the stand-in script left no record: %v", err)
	}
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func programInfo(t *testing.T, dir string, options map[string]any) *pulumirpc.ProgramInfo {
	t.Helper()
	opts, err := structpb.NewStruct(options)
	if err != nil {
		t.Fatal(err)
	}
	return &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: ".", Options: opts}
}

func TestParseOptions(t *testing.T) {
	cases := []struct {
		name    string
		options map[string]any
		want    options
		wantErr string
	}{
		{name: "defaults", options: map[string]any{}, want: options{typescript: true, nodeargs: nil}},
		{
			name:    "every option",
			options: map[string]any{"typescript": false, "tsconfig": "tsconfig.build.json", "nodeargs": "--a 'b c' \"d\\\"e\" f\\ g", "packagemanager": "pnpm", "production": true},
			want:    options{typescript: false, tsconfig: "tsconfig.build.json", nodeargs: []string{"--a", "b c", "d\"e", "f g"}, packagemanager: "pnpm", production: true},
		},
		{name: "typescript as a string", options: map[string]any{"typescript": "false"}, wantErr: `runtime option "typescript" must be true or false`},
		{name: "nodeargs as a list", options: map[string]any{"nodeargs": []any{"--a"}}, wantErr: `runtime option "nodeargs" must be a string`},
		{name: "unterminated quote", options: map[string]any{"nodeargs": "--title='x"}, wantErr: "unterminated ' quote"},
		{name: "unknown package manager", options: map[string]any{"packagemanager": "pip"}, wantErr: `"packagemanager" must be auto or one of npm, yarn, pnpm, bun`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseOptions(programInfo(t, t.TempDir(), c.options))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("parseOptions = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestHandshakeRecordsTheEngineAddress(t *testing.T) {
	h, client := startHost(t)
	if _, err := client.Handshake(context.Background(), &pulumirpc.LanguageHandshakeRequest{EngineAddress: "127.0.0.1:4242"}); err != nil {
		t.Fatal(err)
	}
	if got := h.engine(); got != "127.0.0.1:4242" {
		t.Fatalf("engine address = %q, want 127.0.0.1:4242", got)
	}
}

func TestGetPluginInfoReportsTheBuildVersion(t *testing.T) {
	_, client := startHost(t)
	info, err := client.GetPluginInfo(context.Background(), &emptypb.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	if info.GetVersion() != version {
		t.Fatalf("version = %q, want %q", info.GetVersion(), version)
	}
}

func TestRunStartsCmdRunWithTheProgramsSettings(t *testing.T) {
	dir, recordFile := project(t)
	_, client := startHost(t)
	_, err := client.Handshake(context.Background(), &pulumirpc.LanguageHandshakeRequest{EngineAddress: "127.0.0.1:4242"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Run(context.Background(), &pulumirpc.RunRequest{
		Info:             programInfo(t, dir, map[string]any{"typescript": false, "tsconfig": "tsconfig.x.json", "nodeargs": "--no-deprecation --title='kafkaguard run'"}),
		Pwd:              dir,
		MonitorAddress:   "127.0.0.1:5151",
		Project:          "proj",
		Stack:            "dev",
		Organization:     "org",
		DryRun:           true,
		Parallel:         4,
		Config:           map[string]string{"kafka:bootstrapServers": "[\"127.0.0.1:29092\"]"},
		ConfigSecretKeys: []string{"kafka:saslPassword"},
		Args:             []string{"extra"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetError() != "" || resp.GetBail() {
		t.Fatalf("Run failed: %+v", resp)
	}
	r := readRecord(t, recordFile)
	wantArgv := []string{
		"--monitor=127.0.0.1:5151", "--engine=127.0.0.1:4242", "--organization=org", "--project=proj",
		"--root-directory=" + dir, "--stack=dev", "--pwd=" + dir, "--dry-run", "--parallel=4", dir, "extra",
	}
	if !reflect.DeepEqual(r.Argv, wantArgv) {
		t.Fatalf("argv = %q\nwant %q", r.Argv, wantArgv)
	}
	if want := []string{"--no-deprecation", "--title=kafkaguard run"}; !reflect.DeepEqual(r.ExecArgv, want) {
		t.Fatalf("node flags = %q, want %q", r.ExecArgv, want)
	}
	wantEnv := map[string]string{
		"PULUMI_CONFIG":               `{"kafka:bootstrapServers":"[\"127.0.0.1:29092\"]"}`,
		"PULUMI_CONFIG_SECRET_KEYS":   `["kafka:saslPassword"]`,
		"PULUMI_NODEJS_TYPESCRIPT":    "false",
		"PULUMI_NODEJS_TSCONFIG_PATH": "tsconfig.x.json",
	}
	for k, v := range wantEnv {
		if r.Env[k] != v {
			t.Errorf("env %s = %q, want %q", k, r.Env[k], v)
		}
	}
	if real, _ := filepath.EvalSymlinks(dir); r.Cwd != real && r.Cwd != dir {
		t.Errorf("cwd = %q, want %q", r.Cwd, dir)
	}
}

func TestRunReportsHowTheProgramEnded(t *testing.T) {
	dir, _ := project(t)
	_, client := startHost(t)
	run := func(exitCode string) *pulumirpc.RunResponse {
		t.Setenv("KG_EXIT_CODE", exitCode)
		resp, err := client.Run(context.Background(), &pulumirpc.RunRequest{Info: programInfo(t, dir, nil), Pwd: dir})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if resp := run("32"); !resp.GetBail() || resp.GetError() != "" {
		t.Errorf("exit 32 (error already shown) = %+v, want bail", resp)
	}
	if resp := run("3"); resp.GetBail() || !strings.Contains(resp.GetError(), "non-zero exit code: 3") {
		t.Errorf("exit 3 = %+v, want an error naming the exit code", resp)
	}
	resp, err := client.Run(context.Background(), &pulumirpc.RunRequest{
		Info: programInfo(t, dir, map[string]any{"typescript": "yes"}), Pwd: dir,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp.GetError(), `runtime option "typescript"`) {
		t.Errorf("bad option = %+v, want an error naming the option", resp)
	}
	resp, err = client.Run(context.Background(), &pulumirpc.RunRequest{Info: programInfo(t, t.TempDir(), nil)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp.GetError(), "could not find @pulumi/pulumi/cmd/run") {
		t.Errorf("no node_modules = %+v, want an error saying what is missing", resp)
	}
}

// runPlugin collects a RunPlugin stream: stdout, stderr and the exit code.
func runPlugin(t *testing.T, client pulumirpc.LanguageRuntimeClient, req *pulumirpc.RunPluginRequest) (string, string, int32) {
	t.Helper()
	stream, err := client.RunPlugin(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	code := int32(-1)
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		stdout.Write(msg.GetStdout())
		stderr.Write(msg.GetStderr())
		if _, ok := msg.GetOutput().(*pulumirpc.RunPluginResponse_Exitcode); ok {
			code = msg.GetExitcode()
		}
	}
	return stdout.String(), stderr.String(), code
}

func TestRunPluginStartsAPolicyPackWithItsFolderLast(t *testing.T) {
	dir, recordFile := project(t)
	_, client := startHost(t)
	t.Setenv("KG_EXIT_CODE", "7")
	stdout, stderr, code := runPlugin(t, client, &pulumirpc.RunPluginRequest{
		Kind: "analyzer", Pwd: dir, Args: []string{"127.0.0.1:4242"}, Env: append(os.Environ(), "KG_FROM_ENV=yes"),
		Info: programInfo(t, dir, map[string]any{"nodeargs": "--no-deprecation"}),
	})
	if stdout != "to stdout\n" || stderr != "to stderr\n" || code != 7 {
		t.Fatalf("stream = (%q, %q, %d), want the script's output and exit code 7", stdout, stderr, code)
	}
	r := readRecord(t, recordFile)
	if want := []string{"127.0.0.1:4242", dir}; !reflect.DeepEqual(r.Argv, want) {
		t.Errorf("argv = %q, want %q", r.Argv, want)
	}
	if want := []string{"--no-deprecation"}; !reflect.DeepEqual(r.ExecArgv, want) {
		t.Errorf("node flags = %q, want %q", r.ExecArgv, want)
	}
	if r.Env["KG_FROM_ENV"] != "yes" || r.Env["PULUMI_NODEJS_TYPESCRIPT"] != "true" {
		t.Errorf("env = %v, want the request's environment and the typescript option", r.Env)
	}
}

func TestRunPluginStartsAResourcePluginWithItsFolderFirst(t *testing.T) {
	dir, recordFile := project(t)
	_, client := startHost(t)
	_, _, code := runPlugin(t, client, &pulumirpc.RunPluginRequest{
		Kind: "resource", Pwd: dir, Args: []string{"--flag"}, Info: programInfo(t, dir, nil),
	})
	if code != 0 {
		t.Fatalf("exit code = %d, want 0", code)
	}
	if r := readRecord(t, recordFile); !reflect.DeepEqual(r.Argv, []string{dir, "--flag"}) {
		t.Errorf("argv = %q, want [%s --flag]", r.Argv, dir)
	}
}

// fakePackageManager puts an `npm` on PATH that records its arguments: the test checks the command
// the host runs, not npm itself (a real install would need the registry).
func fakePackageManager(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	argsFile := filepath.Join(bin, "args")
	writeFile(t, filepath.Join(bin, "npm"), "#!/bin/sh\necho \"$@\" > '"+argsFile+"'\necho installed\n")
	if err := os.Chmod(filepath.Join(bin, "npm"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return argsFile
}

func TestInstallDependencies(t *testing.T) {
	for _, c := range []struct {
		options  map[string]any
		wantArgs string
	}{
		{options: nil, wantArgs: "install"},
		{options: map[string]any{"production": true}, wantArgs: "install --omit=dev"},
	} {
		dir, _ := project(t)
		argsFile := fakePackageManager(t)
		_, client := startHost(t)
		stream, err := client.InstallDependencies(context.Background(), &pulumirpc.InstallDependenciesRequest{
			Directory: dir, Info: programInfo(t, dir, c.options),
		})
		if err != nil {
			t.Fatal(err)
		}
		var stdout strings.Builder
		for {
			msg, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			stdout.Write(msg.GetStdout())
		}
		if stdout.String() != "installed\n" {
			t.Errorf("streamed stdout = %q, want the package manager's output", stdout.String())
		}
		got, err := os.ReadFile(argsFile)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(got)) != c.wantArgs {
			t.Errorf("options %v: npm %s, want npm %s", c.options, strings.TrimSpace(string(got)), c.wantArgs)
		}
	}
}

// pluginPackage writes a package that declares a resource plugin, the way @pulumi/kafka does.
func pluginPackage(t *testing.T, dir, name, pluginName, version string) {
	writeFile(t, filepath.Join(dir, name, "package.json"),
		`{"name":"`+name+`","version":"`+version+`","pulumi":{"resource":true,"name":"`+pluginName+`","version":"`+version+`"}}`)
}

func TestGetRequiredPackagesAndPlugins(t *testing.T) {
	dir, _ := project(t)
	nm := filepath.Join(dir, "node_modules")
	pluginPackage(t, nm, "@pulumi/kafka", "kafka", "3.13.2")
	pluginPackage(t, filepath.Join(nm, "@pulumi/kafka", "node_modules"), "@pulumi/random", "random", "4.1.0")
	_, client := startHost(t)
	want := map[string]string{"kafka": "3.13.2", "random": "4.1.0"}

	packages, err := client.GetRequiredPackages(context.Background(), &pulumirpc.GetRequiredPackagesRequest{Info: programInfo(t, dir, nil)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range packages.GetPackages() {
		if p.GetKind() != "resource" {
			t.Errorf("package %s has kind %q, want resource", p.GetName(), p.GetKind())
		}
		got[p.GetName()] = p.GetVersion()
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GetRequiredPackages = %v, want %v", got, want)
	}

	plugins, err := client.GetRequiredPlugins(context.Background(), &pulumirpc.GetRequiredPluginsRequest{Info: programInfo(t, dir, nil)})
	if err != nil {
		t.Fatal(err)
	}
	got = map[string]string{}
	for _, p := range plugins.GetPlugins() {
		got[p.GetName()] = p.GetVersion()
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GetRequiredPlugins = %v, want %v", got, want)
	}
}

func TestAboutNamesNodeAndItsVersion(t *testing.T) {
	_, client := startHost(t)
	about, err := client.About(context.Background(), &pulumirpc.AboutRequest{})
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if about.GetExecutable() != node || "v"+about.GetVersion() != strings.TrimSpace(string(out)) {
		t.Fatalf("About = %s %s, want %s %s", about.GetExecutable(), about.GetVersion(), node, strings.TrimSpace(string(out)))
	}
}

func TestGetProgramDependenciesListsInstalledVersions(t *testing.T) {
	dir, _ := project(t)
	pluginPackage(t, filepath.Join(dir, "node_modules"), "@pulumi/kafka", "kafka", "3.13.2")
	_, client := startHost(t)
	deps, err := client.GetProgramDependencies(context.Background(), &pulumirpc.GetProgramDependenciesRequest{Info: programInfo(t, dir, nil)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range deps.GetDependencies() {
		got[d.GetName()] = d.GetVersion()
	}
	want := map[string]string{"@pulumi/kafka": "3.13.2", "@pulumi/pulumi": "3.999.0", "typescript": "(not installed)"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("GetProgramDependencies = %v, want %v", got, want)
	}
}

func TestRuntimeOptionsPromptsAsksForAPackageManagerOnlyWhenUnset(t *testing.T) {
	_, client := startHost(t)
	resp, err := client.RuntimeOptionsPrompts(context.Background(), &pulumirpc.RuntimeOptionsRequest{Info: programInfo(t, t.TempDir(), nil)})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetPrompts()) != 1 || resp.GetPrompts()[0].GetKey() != "packagemanager" ||
		resp.GetPrompts()[0].GetDefault().GetStringValue() != "npm" {
		t.Fatalf("prompts = %v, want one packagemanager prompt defaulting to npm", resp.GetPrompts())
	}
	resp, err = client.RuntimeOptionsPrompts(context.Background(), &pulumirpc.RuntimeOptionsRequest{
		Info: programInfo(t, t.TempDir(), map[string]any{"packagemanager": "npm"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetPrompts()) != 0 {
		t.Fatalf("prompts = %v, want none when the option is set", resp.GetPrompts())
	}
}

func TestCancelStopsARunningProgram(t *testing.T) {
	dir, recordFile := project(t)
	t.Setenv("KG_WAIT_FOR_KILL", "1")
	_, client := startHost(t)
	result := make(chan *pulumirpc.RunResponse, 1)
	info := programInfo(t, dir, nil)
	go func() {
		resp, err := client.Run(context.Background(), &pulumirpc.RunRequest{Info: info, Pwd: dir})
		if err != nil {
			resp = &pulumirpc.RunResponse{Error: "rpc: " + err.Error()}
		}
		result <- resp
	}()
	// The program is running once it has written its record.
	for {
		if _, err := os.Stat(recordFile); err == nil {
			break
		}
		select {
		case resp := <-result:
			t.Fatalf("Run ended before Cancel: %+v", resp)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if _, err := client.Cancel(context.Background(), &emptypb.Empty{}); err != nil {
		t.Fatal(err)
	}
	if resp := <-result; !strings.Contains(resp.GetError(), "cancelled") {
		t.Fatalf("Run after Cancel = %+v, want a cancelled error", resp)
	}
}
