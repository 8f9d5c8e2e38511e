// Command pulumi-language-nodejs is a Node.js language host for the Pulumi CLI. It runs
// programs through @pulumi/pulumi/cmd/run, policy packs through cmd/run-policy-pack and
// Node.js plugins through cmd/run-plugin, each resolved from the project's node_modules.
// It is built against the sdk/v3 of each toolchain line (scripts/pins.env); main_test.go
// drives every RPC it implements over gRPC.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.0.0-dev"

// exitAlreadyReported is the exit code @pulumi/pulumi uses once it has shown the error itself.
const exitAlreadyReported = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	tracing       string

	// ctx ends when the engine calls Cancel; every child process the host starts ends with it.
	ctx    context.Context
	cancel context.CancelFunc
}

func newHost(engineAddress, tracing string) *host {
	ctx, cancel := context.WithCancel(context.Background())
	return &host{engineAddress: engineAddress, tracing: tracing, ctx: ctx, cancel: cancel}
}

// childContext ends when either the request's context or the host's does.
func (h *host) childContext(request context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(request)
	stop := context.AfterFunc(h.ctx, cancel)
	return ctx, func() {
		stop()
		cancel()
	}
}

func main() {
	// -v and -logtostderr are registered by the logging package (glog flags).
	tracing := flag.String("tracing", "", "emit tracing to a Zipkin-compatible endpoint")
	printVersion := flag.Bool("version", false, "print the version and exit")
	registerCompatibilityFlags()
	flag.Parse()
	if *printVersion {
		fmt.Println(version)
		return
	}
	logging.InitLogging(false, 0, false)

	engineAddress := ""
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[len(args)-1]
	}
	h := newHost(engineAddress, *tracing)

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the RPC server: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: RPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if addr := req.GetEngineAddress(); addr != "" {
		h.mu.Lock()
		h.engineAddress = addr
		h.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// options are the runtime options of Pulumi.yaml / PulumiPolicy.yaml (runtime.options).
type options struct {
	typescript     bool
	tsconfig       string
	nodeargs       []string
	packagemanager string
	production     bool
}

var packageManagers = []string{"npm", "yarn", "pnpm", "bun"}

// parseOptions reads the runtime options; a value of the wrong type is an error naming the option,
// never silently ignored.
func parseOptions(info *pulumirpc.ProgramInfo) (options, error) {
	o := options{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return o, nil
	}
	m := info.GetOptions().AsMap()
	boolOption := func(name string, into *bool) error {
		if v, ok := m[name]; ok {
			b, isBool := v.(bool)
			if !isBool {
				return fmt.Errorf("runtime option %q must be true or false, not %v", name, v)
			}
			*into = b
		}
		return nil
	}
	stringOption := func(name string, into *string) error {
		if v, ok := m[name]; ok {
			str, isString := v.(string)
			if !isString {
				return fmt.Errorf("runtime option %q must be a string, not %v", name, v)
			}
			*into = str
		}
		return nil
	}
	var nodeargs string
	for _, err := range []error{
		boolOption("typescript", &o.typescript),
		boolOption("production", &o.production),
		stringOption("tsconfig", &o.tsconfig),
		stringOption("nodeargs", &nodeargs),
		stringOption("packagemanager", &o.packagemanager),
	} {
		if err != nil {
			return o, err
		}
	}
	args, err := splitArgs(nodeargs)
	if err != nil {
		return o, fmt.Errorf("runtime option \"nodeargs\": %w", err)
	}
	o.nodeargs = args
	if o.packagemanager != "" && o.packagemanager != "auto" && !slices.Contains(packageManagers, o.packagemanager) {
		return o, fmt.Errorf("runtime option \"packagemanager\" must be auto or one of %s, not %q",
			strings.Join(packageManagers, ", "), o.packagemanager)
	}
	return o, nil
}

// splitArgs splits a command line the way a POSIX shell would, without expanding anything:
// whitespace separates words, quotes group them, a backslash escapes the next character
// (except inside single quotes).
func splitArgs(line string) ([]string, error) {
	var args []string
	var word strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range line {
		switch {
		case escaped:
			word.WriteRune(r)
			escaped = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case r == '\\':
			escaped, inWord = true, true
		case quote == '"':
			if r == '"' {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				args = append(args, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote in %q", quote, line)
	}
	if escaped {
		return nil, fmt.Errorf("trailing backslash in %q", line)
	}
	if inWord {
		args = append(args, word.String())
	}
	return args, nil
}

func (o options) env() []string {
	env := []string{"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(o.typescript)}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

func nodeBin() (string, error) {
	p, err := exec.LookPath("node")
	if err != nil {
		return "", errors.New("could not find `node` on PATH; install Node.js 20 or newer")
	}
	return p, nil
}

// resolveModule finds a module the way Node.js would from dir (node_modules, workspaces, links).
func resolveModule(node, dir, module string) (string, error) {
	var stderr strings.Builder
	cmd := exec.Command(node, "-e", "process.stdout.write(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || len(out) == 0 {
		return "", fmt.Errorf("could not find %s from %s: is @pulumi/pulumi installed there "+
			"(run `npm install`)? %s", module, dir, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// progInfo is where a program or plugin lives: its directory, project root and entry point.
type progInfo struct{ dir, root, entry string }

func infoOf(info *pulumirpc.ProgramInfo, fallbackDir, fallbackEntry string) *progInfo {
	pi := &progInfo{dir: fallbackDir, entry: fallbackEntry}
	if info != nil {
		if info.GetProgramDirectory() != "" {
			pi.dir = info.GetProgramDirectory()
		}
		pi.root = info.GetRootDirectory()
		if info.GetEntryPoint() != "" {
			pi.entry = info.GetEntryPoint()
		}
	}
	if pi.dir == "" {
		pi.dir, _ = os.Getwd()
	}
	if pi.entry == "" {
		pi.entry = "."
	}
	return pi
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := nodeBin()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	pi := infoOf(req.GetInfo(), req.GetPwd(), req.GetProgram())
	runPath, err := resolveModule(node, pi.dir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	entry := pi.entry
	if !filepath.IsAbs(entry) {
		entry = filepath.Join(pi.dir, entry)
	}
	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", h.engine())
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", pi.root)
	flagArg("stack", req.GetStack())
	flagArg("pwd", req.GetPwd())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	}
	flagArg("tracing", h.tracing)
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("serializing config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing config secret keys: %w", err)
	}

	runCtx, done := h.childContext(ctx)
	defer done()
	cmd := exec.CommandContext(runCtx, node, args...)
	cmd.Dir = pi.dir
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	cmd.Env = append(cmd.Env, opts.env()...)
	logging.V(5).Infof("launching: %s %s", node, strings.Join(args, " "))

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		switch {
		case errors.As(err, &exitErr) && exitErr.ExitCode() == exitAlreadyReported:
			return &pulumirpc.RunResponse{Bail: true}, nil
		case errors.As(err, &exitErr) && exitErr.ExitCode() >= 0:
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		case h.ctx.Err() != nil:
			return &pulumirpc.RunResponse{Error: "Program was cancelled: " + err.Error()}, nil
		case errors.As(err, &exitErr):
			return &pulumirpc.RunResponse{Error: "Program exited unexpectedly: " + err.Error()}, nil
		default:
			return &pulumirpc.RunResponse{Error: "Problem executing program (could not run node): " + err.Error()}, nil
		}
	}
	return &pulumirpc.RunResponse{}, nil
}

// streamWriter forwards a child's output as stream messages; Send must not run concurrently.
type streamWriter struct {
	mu   *sync.Mutex
	send func([]byte) error
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (h *host) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	node, err := nodeBin()
	if err != nil {
		return err
	}
	pi := infoOf(req.GetInfo(), req.GetPwd(), "")
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return err
	}

	module := "@pulumi/pulumi/cmd/run-plugin"
	var pluginArgs []string
	if req.GetKind() == "analyzer" {
		// run-policy-pack expects <engine-address> <policy pack dir>; the engine address is the
		// last of the arguments the CLI passes.
		module = "@pulumi/pulumi/cmd/run-policy-pack"
		pluginArgs = append(append(pluginArgs, req.GetArgs()...), pi.dir)
	} else {
		pluginArgs = append([]string{pi.dir}, req.GetArgs()...)
	}
	runPath, err := resolveModule(node, pi.dir, module)
	if err != nil {
		return err
	}
	args := append(append(append([]string{}, opts.nodeargs...), runPath), pluginArgs...)

	runCtx, done := h.childContext(server.Context())
	defer done()
	cmd := exec.CommandContext(runCtx, node, args...)
	cmd.Dir = pi.dir
	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	cmd.Env = append(append([]string{}, env...), opts.env()...)
	var mu sync.Mutex
	cmd.Stdout = streamWriter{mu: &mu, send: func(b []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	}}
	cmd.Stderr = streamWriter{mu: &mu, send: func(b []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	}}
	logging.V(5).Infof("launching plugin: %s %s", node, strings.Join(args, " "))

	code := 0
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return fmt.Errorf("could not run node for %s: %w", pi.dir, err)
		}
		code = exitErr.ExitCode()
	}
	mu.Lock()
	defer mu.Unlock()
	return server.Send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)},
	})
}

func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	pi := infoOf(req.GetInfo(), req.GetDirectory(), "")
	if req.GetIsPlugin() && nestedPackage(pi.dir) && declaredDependenciesResolve(pi.dir) {
		msg := fmt.Sprintf("dependencies of %s resolve from an enclosing node_modules; nothing to install\n", pi.dir)
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: []byte(msg)})
	}
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return err
	}
	pm := opts.packagemanager
	if pm == "" || pm == "auto" {
		pm = "npm"
		for lock, tool := range map[string]string{"yarn.lock": "yarn", "pnpm-lock.yaml": "pnpm", "bun.lock": "bun"} {
			if _, err := os.Stat(filepath.Join(pi.dir, lock)); err == nil {
				pm = tool
			}
		}
	}
	if _, err := exec.LookPath(pm); err != nil {
		return fmt.Errorf("could not find `%s` on PATH to install dependencies in %s", pm, pi.dir)
	}
	args := []string{"install"}
	if opts.production {
		// Skip devDependencies, in each package manager's own words.
		args = append(args, map[string]string{
			"npm": "--omit=dev", "yarn": "--production", "pnpm": "--prod", "bun": "--production",
		}[pm])
	}
	runCtx, done := h.childContext(server.Context())
	defer done()
	cmd := exec.CommandContext(runCtx, pm, args...)
	cmd.Dir = pi.dir
	var mu sync.Mutex
	cmd.Stdout = streamWriter{mu: &mu, send: func(b []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b})
	}}
	cmd.Stderr = streamWriter{mu: &mu, send: func(b []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
	}}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`%s %s` failed in %s: %w", pm, strings.Join(args, " "), pi.dir, err)
	}
	return nil
}

// nodeModulesDir returns the nearest node_modules directory at or above dir.
func nodeModulesDir(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, "node_modules")); err == nil && st.IsDir() {
			return filepath.Join(d, "node_modules")
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          struct {
		Resource         bool   `json:"resource"`
		Name             string `json:"name"`
		Version          string `json:"version"`
		Server           string `json:"server"`
		Parameterization *struct {
			Name    string `json:"name"`
			Version string `json:"version"`
			Value   []byte `json:"value"` // base64 in package.json
		} `json:"parameterization"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	return &p, nil
}

// scanPackages collects the resource plugins declared by packages ("pulumi": {"resource": true}).
func scanPackages(nodeModules string, seen map[string]bool, out *[]*pulumirpc.PackageDependency) error {
	entries, err := os.ReadDir(nodeModules)
	if err != nil {
		return nil // no node_modules: nothing required
	}
	var dirs []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if strings.HasPrefix(name, "@") {
			scoped, _ := os.ReadDir(filepath.Join(nodeModules, name))
			for _, s := range scoped {
				dirs = append(dirs, filepath.Join(nodeModules, name, s.Name()))
			}
			continue
		}
		dirs = append(dirs, filepath.Join(nodeModules, name))
	}
	for _, dir := range dirs {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || seen[real] {
			continue
		}
		seen[real] = true
		p, err := readPackageJSON(filepath.Join(real, "package.json"))
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			return err
		}
		if p.Pulumi.Resource {
			dep := resourcePackageDependency(p)
			key := dep.Name + "@" + dep.Version + "@" + dep.Server
			if !seen["dep:"+key] {
				seen["dep:"+key] = true
				*out = append(*out, dep)
			}
		}
		if err := scanPackages(filepath.Join(real, "node_modules"), seen, out); err != nil {
			return err
		}
	}
	return nil
}

// requiredPackages lists the resource plugins the packages installed for a program declare.
func requiredPackages(info *pulumirpc.ProgramInfo) ([]*pulumirpc.PackageDependency, error) {
	pi := infoOf(info, "", "")
	var deps []*pulumirpc.PackageDependency
	if nestedPackage(pi.dir) {
		if err := scanDeclaredPackages(pi.dir, map[string]bool{}, &deps); err != nil {
			return nil, err
		}
	} else if nm := nodeModulesDir(pi.dir); nm != "" {
		if err := scanPackages(nm, map[string]bool{}, &deps); err != nil {
			return nil, err
		}
	}
	return deps, nil
}

func (h *host) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := requiredPackages(req.GetInfo())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages, still called by some CLIs.
func (h *host) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := requiredPackages(req.GetInfo())
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, dep := range deps {
		if dep.GetParameterization() != nil {
			continue // parameterized packages cannot be expressed as plain plugins
		}
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: dep.GetName(), Kind: dep.GetKind(), Version: dep.GetVersion(), Server: dep.GetServer(),
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// RuntimeOptionsPrompts asks `pulumi new` for the package manager when the template sets none.
func (h *host) RuntimeOptionsPrompts(
	_ context.Context, req *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	if req.GetInfo().GetOptions() != nil {
		if _, set := req.GetInfo().GetOptions().AsMap()["packagemanager"]; set {
			return &pulumirpc.RuntimeOptionsResponse{}, nil
		}
	}
	value := func(name string) *pulumirpc.RuntimeOptionPrompt_RuntimeOptionValue {
		return &pulumirpc.RuntimeOptionPrompt_RuntimeOptionValue{
			PromptType: pulumirpc.RuntimeOptionPrompt_STRING, StringValue: name, DisplayName: name,
		}
	}
	var choices []*pulumirpc.RuntimeOptionPrompt_RuntimeOptionValue
	for _, pm := range packageManagers {
		if _, err := exec.LookPath(pm); err == nil {
			choices = append(choices, value(pm))
		}
	}
	return &pulumirpc.RuntimeOptionsResponse{Prompts: []*pulumirpc.RuntimeOptionPrompt{{
		Key:         "packagemanager",
		Description: "The package manager to use for installing dependencies",
		PromptType:  pulumirpc.RuntimeOptionPrompt_STRING,
		Choices:     choices,
		Default:     value("npm"),
	}}}, nil
}

// Cancel is the engine shutting down: programs and plugins the host started are stopped.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := nodeBin()
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", node, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

func (h *host) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	pi := infoOf(req.GetInfo(), req.GetPwd(), "")
	p, err := readPackageJSON(filepath.Join(pi.dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("reading package.json: %w", err)
	}
	names := map[string]bool{}
	for n := range p.Dependencies {
		names[n] = true
	}
	for n := range p.DevDependencies {
		names[n] = true
	}
	nm := nodeModulesDir(pi.dir)
	var deps []*pulumirpc.DependencyInfo
	for n := range names {
		v := "(not installed)"
		if nm != "" {
			if dp, err := readPackageJSON(filepath.Join(nm, n, "package.json")); err == nil {
				v = dp.Version
			}
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: n, Version: v})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// nestedPackage reports whether dir holds a package.json but takes its node_modules from an enclosing
// directory, as a component package folder inside a repository does. Its requirements are what its
// package.json declares, not every package of the enclosing project.
func nestedPackage(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
		return false
	}
	nm := nodeModulesDir(dir)
	return nm != "" && filepath.Dir(nm) != filepath.Clean(dir)
}

// resolvePackageDir finds an installed package the way Node.js resolves a bare name from dir: in the
// node_modules of dir or of the nearest ancestor that has it.
func resolvePackageDir(dir, name string) (string, bool) {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", name)
		if _, err := os.Stat(filepath.Join(candidate, "package.json")); err == nil {
			return candidate, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// declaredDependenciesResolve reports whether every dependency in dir's package.json is already installed
// where Node.js will find it, so a dependency install would only write a lock file of its own.
func declaredDependenciesResolve(dir string) bool {
	p, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		return false
	}
	for name := range p.Dependencies {
		if _, ok := resolvePackageDir(dir, name); !ok {
			return false
		}
	}
	return true
}

// scanDeclaredPackages collects the resource plugins among the dependencies dir's package.json declares,
// following their own dependencies.
func scanDeclaredPackages(dir string, seen map[string]bool, out *[]*pulumirpc.PackageDependency) error {
	p, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		return err
	}
	names := make([]string, 0, len(p.Dependencies))
	for name := range p.Dependencies {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		found, ok := resolvePackageDir(dir, name)
		if !ok {
			return fmt.Errorf("%s declares the dependency %s, which is not installed (run `npm install`)", dir, name)
		}
		real, err := filepath.EvalSymlinks(found)
		if err != nil || seen[real] {
			continue
		}
		seen[real] = true
		dep, err := readPackageJSON(filepath.Join(real, "package.json"))
		if err != nil {
			return err
		}
		if dep.Pulumi.Resource {
			*out = append(*out, resourcePackageDependency(dep))
		}
		if err := scanDeclaredPackages(real, seen, out); err != nil {
			return err
		}
	}
	return nil
}

// resourcePackageDependency is the plugin a package declares with "pulumi": {"resource": true}.
func resourcePackageDependency(p *packageJSON) *pulumirpc.PackageDependency {
	dep := &pulumirpc.PackageDependency{Kind: "resource", Name: p.Pulumi.Name, Version: p.Pulumi.Version,
		Server: p.Pulumi.Server}
	if dep.Name == "" {
		dep.Name = strings.TrimPrefix(strings.TrimPrefix(p.Name, "@pulumi/"), "@")
	}
	if dep.Version == "" {
		dep.Version = p.Version
	}
	if pz := p.Pulumi.Parameterization; pz != nil {
		dep.Parameterization = &pulumirpc.PackageParameterization{
			Name: pz.Name, Version: pz.Version, Value: pz.Value,
		}
	}
	return dep
}

// registerCompatibilityFlags accepts the flags older plugin hosts pass when they start a language host: the
// project root and the runtime options as -name=value (the Pulumi YAML language host, built against an older
// SDK, starts this host that way to run a Node.js component package). Runtime options also arrive in the
// ProgramInfo of each request, which is what this host reads, so the values are not used.
func registerCompatibilityFlags() {
	flag.String("root", "", "project root (unused: requests carry it)")
	flag.String("typescript", "", "runtime option (unused: requests carry it)")
	flag.String("tsconfig", "", "runtime option (unused: requests carry it)")
	flag.String("nodeargs", "", "runtime option (unused: requests carry it)")
	flag.String("packagemanager", "", "runtime option (unused: requests carry it)")
}
