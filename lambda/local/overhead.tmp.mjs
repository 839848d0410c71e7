// lambda/local/overhead.ts
import { request, Agent } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { CreateFunctionCommand, DeleteFunctionCommand, InvokeCommand, waitUntilFunctionActiveV2 } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";

// lambda/deploy/endpoint.ts
import { LambdaClient } from "@aws-sdk/client-lambda";
var PLACEHOLDER_CREDENTIALS = { accessKeyId: "wasm-lambda-bench-local", secretAccessKey: "wasm-lambda-bench-local" };
function urlEndpoint(kind, url, region = "us-east-1") {
  const parsed = new URL(url);
  return { kind, url: parsed.origin, region, label: kind === "embedded" ? "local" : `endpoint:${parsed.host}` };
}
function lambdaClient(endpoint, options) {
  return new LambdaClient({
    region: endpoint.region,
    maxAttempts: options.timed ? 1 : 3,
    cacheMiddleware: options.timed,
    ...endpoint.kind === "aws" ? {} : { endpoint: endpoint.url, credentials: PLACEHOLDER_CREDENTIALS }
  });
}

// lambda/local/server.ts
import { spawn as spawn2 } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createServer2 } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname as dirname3, join as join3 } from "node:path";
import { fileURLToPath } from "node:url";

// lambda/local/cgroup.ts
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var MB_PER_VCPU = 1769;
var PERIOD_US = 1e5;
var ROOT_PREFIX = "wasm-lambda-bench-";
function cpuQuotaUs(memoryMb) {
  return Math.max(1e3, Math.round(memoryMb / MB_PER_VCPU * PERIOD_US));
}
function createCgroupManager(setting) {
  if (setting === "off") return disabled("cgroups switched off by option");
  let roots;
  try {
    const cpuBase = controllerBase("cpu");
    const memoryBase = controllerBase("memory");
    if (cpuBase === void 0 || memoryBase === void 0) {
      return disabled("no cgroup v1 cpu and memory hierarchies mounted");
    }
    sweepStale(cpuBase);
    sweepStale(memoryBase);
    roots = { cpu: join(cpuBase, ROOT_PREFIX + process.pid), memory: join(memoryBase, ROOT_PREFIX + process.pid) };
    mkdirSync(roots.cpu, { recursive: true });
    mkdirSync(roots.memory, { recursive: true });
    probe(roots);
  } catch (error) {
    return disabled(`cgroup v1 not writable: ${error.message}`);
  }
  return {
    mode: "cgroup-v1",
    reason: void 0,
    create: (id, memoryMb) => createPair(roots, id, memoryMb),
    removeRoot: () => {
      tryRmdir(roots.cpu);
      tryRmdir(roots.memory);
    }
  };
}
function disabled(reason) {
  return { mode: "none", reason, create: () => void 0, removeRoot: () => void 0 };
}
function controllerBase(controller) {
  const mount = readFileSync("/proc/self/mounts", "utf8").split("\n").map((line) => line.split(" ")).find((f) => f[2] === "cgroup" && (f[3] ?? "").split(",").includes(controller));
  const mountPoint = mount?.[1];
  if (mountPoint === void 0) return void 0;
  const own = readFileSync("/proc/self/cgroup", "utf8").split("\n").map((line) => line.split(":")).find((f) => (f[1] ?? "").split(",").includes(controller));
  const nested = join(mountPoint, own?.[2] ?? "/");
  return existsSync(nested) ? nested : mountPoint;
}
function probe(roots) {
  const cpu = join(roots.cpu, "probe");
  const memory2 = join(roots.memory, "probe");
  mkdirSync(cpu, { recursive: true });
  mkdirSync(memory2, { recursive: true });
  try {
    writeFileSync(join(cpu, "cpu.cfs_period_us"), String(PERIOD_US));
    writeFileSync(join(cpu, "cpu.cfs_quota_us"), String(cpuQuotaUs(128)));
    writeFileSync(join(memory2, "memory.limit_in_bytes"), String(128 * 1024 * 1024));
  } finally {
    rmdirSync(cpu);
    rmdirSync(memory2);
  }
}
function sweepStale(base) {
  for (const name of readdirSync(base)) {
    if (!name.startsWith(ROOT_PREFIX)) continue;
    const pid = Number(name.slice(ROOT_PREFIX.length));
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    const dir = join(base, name);
    for (const child of safeReaddir(dir)) tryRmdir(join(dir, child));
    tryRmdir(dir);
  }
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function safeReaddir(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}
function tryRmdir(dir) {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return error.code === "ENOENT";
  }
}
function createPair(roots, id, memoryMb) {
  const cpu = join(roots.cpu, id);
  const memory2 = join(roots.memory, id);
  mkdirSync(cpu);
  mkdirSync(memory2);
  writeFileSync(join(cpu, "cpu.cfs_period_us"), String(PERIOD_US));
  writeFileSync(join(cpu, "cpu.cfs_quota_us"), "-1");
  const bytes = String(memoryMb * 1024 * 1024);
  writeFileSync(join(memory2, "memory.limit_in_bytes"), bytes);
  try {
    writeFileSync(join(memory2, "memory.memsw.limit_in_bytes"), bytes);
  } catch {
  }
  const readNumber = (file) => {
    try {
      return Number(readFileSync(join(memory2, file), "utf8").trim());
    } catch {
      return void 0;
    }
  };
  return {
    procsFiles: [join(cpu, "cgroup.procs"), join(memory2, "cgroup.procs")],
    setCpu(mode) {
      writeFileSync(join(cpu, "cpu.cfs_quota_us"), mode === "unlimited" ? "-1" : String(cpuQuotaUs(memoryMb)));
    },
    oomKilled() {
      try {
        const text = readFileSync(join(memory2, "memory.oom_control"), "utf8");
        const kills = /^oom_kill (\d+)$/m.exec(text);
        if (kills) return Number(kills[1]) > 0;
        return (readNumber("memory.failcnt") ?? 0) > 0;
      } catch {
        return false;
      }
    },
    peakBytes: () => readNumber("memory.max_usage_in_bytes"),
    remove: () => tryRmdir(cpu) && tryRmdir(memory2)
  };
}

// lambda/local/errors.ts
var LambdaApiError = class extends Error {
  /**
   * @param status HTTP status code.
   * @param type AWS error code, e.g. `ResourceNotFoundException`.
   * @param message Human-readable message, worded as AWS words it.
   * @param extra Additional body members (e.g. `Reason` of a throttle).
   * @param headers Additional response headers (e.g. `Retry-After`).
   */
  constructor(status, type, message, messageKey = "Message", extra = {}, headers = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.messageKey = messageKey;
    this.extra = extra;
    this.headers = headers;
    this.name = type;
  }
  status;
  type;
  messageKey;
  extra;
  headers;
  /** The JSON body AWS sends with this error. */
  body() {
    const body = { ...this.extra };
    if (this.type !== "ValidationException") body.Type = "User";
    body[this.messageKey] = this.message;
    return JSON.stringify(body);
  }
};
function notFound(arn) {
  return new LambdaApiError(404, "ResourceNotFoundException", `Function not found: ${arn}`);
}
function unknownOperation(method, path) {
  return new LambdaApiError(404, "UnknownOperationException", `Unknown operation ${method} ${path}`, "message");
}
function conflict(message) {
  return new LambdaApiError(409, "ResourceConflictException", message);
}
function invalidParameter(message) {
  return new LambdaApiError(400, "InvalidParameterValueException", message);
}
function validation(field, value, constraint) {
  const shown = value === void 0 || value === null ? "null" : `'${String(value)}'`;
  const message = `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`;
  return new LambdaApiError(400, "ValidationException", message, "message");
}
function invalidRequestContent(detail) {
  return new LambdaApiError(400, "InvalidRequestContentException", `Could not parse request body into json: ${detail}`);
}
function requestTooLarge(limit, operation) {
  return new LambdaApiError(
    413,
    "RequestTooLargeException",
    `Request must be smaller than ${limit} bytes for the ${operation} operation`,
    "message"
  );
}
function tooManyRequests(reason) {
  return new LambdaApiError(429, "TooManyRequestsException", "Rate Exceeded.", "message", { Reason: reason }, { "Retry-After": "1" });
}
function preconditionFailed() {
  return new LambdaApiError(
    412,
    "PreconditionFailedException",
    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
  );
}
function serviceError(message) {
  return new LambdaApiError(500, "ServiceException", message);
}

// lambda/local/store.ts
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";

// lambda/local/validate.ts
import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
var NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
var FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
var PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
var PLAIN_NAME = /^([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
var ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
var MAX_ZIP_BYTES = 50 * 1024 * 1024;
var MAX_UNZIPPED_BYTES = 262144e3;
var MAX_ENV_BYTES = 4096;
var RESERVED_ENV = /* @__PURE__ */ new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR"
]);
function parseFunctionRef(raw, region, accountId) {
  const full = FULL_ARN.exec(raw);
  if (full) {
    return { name: full[3], qualifier: full[4], foreign: full[1] !== region || full[2] !== accountId };
  }
  const partial = PARTIAL_ARN.exec(raw);
  if (partial) return { name: partial[2], qualifier: partial[3], foreign: partial[1] !== accountId };
  const plain = PLAIN_NAME.exec(raw);
  if (plain) return { name: plain[1], qualifier: plain[2], foreign: false };
  throw validation("functionName", raw, `Member must satisfy regular expression pattern: ${NAME_PATTERN}`);
}
function object(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function parseJsonObject(body) {
  if (body.length === 0) return {};
  let parsed;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new LambdaApiError(400, "SerializationException", "Could not parse the request body as JSON.", "message");
  }
  const obj = object(parsed);
  if (!obj) throw invalidParameter("The request body must be a JSON object.");
  return obj;
}
function optionalString(body, key, field) {
  const value = body[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") throw validation(field, value, "Member must be a string");
  return value;
}
function optionalInt(body, key, field, min, max) {
  const value = body[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "number" || !Number.isInteger(value)) throw validation(field, value, "Member must be an integer");
  if (value < min) throw validation(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validation(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}
function checkRole(role) {
  if (role === void 0) throw validation("role", void 0, "Member must not be null");
  if (!ROLE.test(role)) throw validation("role", role, `Member must satisfy regular expression pattern: ${ROLE.source}`);
  return role;
}
function checkRuntime(runtime) {
  if (runtime === void 0) throw invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
  if (!/^nodejs\d+\.x$/.test(runtime)) {
    throw invalidParameter(`The runtime parameter of ${runtime} is not supported by the local Lambda, which runs Node.js handlers only.`);
  }
  return runtime;
}
function checkHandler(handler) {
  if (handler === void 0) throw invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
  if (handler.length > 128 || !/^[^\s]+$/.test(handler)) {
    throw validation("handler", handler, "Member must satisfy regular expression pattern: [^\\s]+");
  }
  return handler;
}
function readEnvironment(body) {
  const env = object(body.Environment);
  if (body.Environment === void 0 || body.Environment === null) return void 0;
  if (!env) throw invalidParameter("Environment must be an object.");
  const vars = object(env.Variables) ?? {};
  const out = {};
  for (const [key, value] of Object.entries(vars)) {
    if (typeof value !== "string") throw invalidParameter(`Environment variable ${key} must be a string.`);
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(key)) {
      throw validation("environment.variables", key, "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
    }
    out[key] = value;
  }
  const reserved = Object.keys(out).filter((key) => RESERVED_ENV.has(key));
  if (reserved.length > 0) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(",")}`
    );
  }
  const size = Buffer.byteLength(JSON.stringify(out));
  if (size > MAX_ENV_BYTES) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(out)}`
    );
  }
  return out;
}
function readArchitectures(body) {
  const value = body.Architectures;
  if (value === void 0 || value === null) return void 0;
  if (!Array.isArray(value) || value.length !== 1 || value[0] !== "x86_64" && value[0] !== "arm64") {
    throw validation("architectures", JSON.stringify(value), "Member must have length less than or equal to 1, and each member must be one of [x86_64, arm64]");
  }
  return [value[0]];
}
function readLogging(body) {
  const logging = object(body.LoggingConfig);
  if (!logging) return void 0;
  const format = logging.LogFormat;
  if (format !== void 0 && format !== "Text" && format !== "JSON") {
    throw validation("loggingConfig.logFormat", format, "Member must satisfy enum value set: [Text, JSON]");
  }
  const str = (v) => typeof v === "string" ? v : void 0;
  const out = {};
  if (format !== void 0) out.format = format;
  const appLevel = str(logging.ApplicationLogLevel);
  const systemLevel = str(logging.SystemLogLevel);
  const group = str(logging.LogGroup);
  if (appLevel !== void 0) out.appLevel = appLevel;
  if (systemLevel !== void 0) out.systemLevel = systemLevel;
  if (group !== void 0) out.group = group;
  return out;
}
function readTags(value) {
  const tags = object(value) ?? {};
  const out = {};
  for (const [key, tag] of Object.entries(tags)) {
    if (typeof tag !== "string") throw invalidParameter(`Tag ${key} must have a string value.`);
    out[key] = tag;
  }
  return out;
}
function checkZip(zipFileBase64, operation) {
  if (typeof zipFileBase64 !== "string" || zipFileBase64.length === 0) {
    throw invalidParameter("The local Lambda accepts code as Code.ZipFile only (no S3 locations, no container images).");
  }
  const zip = new Uint8Array(Buffer.from(zipFileBase64, "base64"));
  if (zip.length > MAX_ZIP_BYTES) throw requestTooLarge(MAX_ZIP_BYTES, operation);
  let files;
  try {
    files = unzipSync(zip);
  } catch {
    throw invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
  }
  let total = 0;
  for (const [name, data] of Object.entries(files)) {
    total += data.length;
    if (name.startsWith("/") || name.split("/").includes("..")) {
      throw invalidParameter(`Could not unzip uploaded file: entry ${name} leaves the code directory.`);
    }
  }
  if (total > MAX_UNZIPPED_BYTES) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  return { zip, files, sha256: createHash("sha256").update(zip).digest("base64") };
}

// lambda/local/store.ts
function lastModified() {
  return (/* @__PURE__ */ new Date()).toISOString().replace("Z", "+0000");
}
var FunctionStore = class {
  constructor(region, accountId, workDir, retire) {
    this.region = region;
    this.accountId = accountId;
    this.workDir = workDir;
    this.retire = retire;
  }
  region;
  accountId;
  workDir;
  retire;
  functions = /* @__PURE__ */ new Map();
  uploads = 0;
  /** Unqualified ARN of a function name. */
  arn(name) {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }
  /** Number of functions. */
  get size() {
    return this.functions.size;
  }
  /**
   * Finds a function by name, partial or full ARN, with an optional qualifier
   * (in the name or as `?Qualifier=`); only `$LATEST` exists. Waits for a
   * running code write so the caller sees settled state.
   */
  async find(raw, qualifierParam) {
    const ref = parseFunctionRef(raw, this.region, this.accountId);
    if (ref.qualifier !== void 0 && qualifierParam !== void 0 && ref.qualifier !== qualifierParam) {
      throw invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
    }
    const qualifier = ref.qualifier ?? qualifierParam;
    const fn = ref.foreign ? void 0 : this.functions.get(ref.name);
    const arn = this.arn(ref.name);
    if (!fn) throw notFound(qualifier === void 0 ? arn : `${arn}:${qualifier}`);
    if (qualifier !== void 0 && qualifier !== "$LATEST") throw notFound(`${arn}:${qualifier}`);
    if (fn.transition) await fn.transition;
    return fn;
  }
  /** True while `fn` is the stored function of its name (not deleted, not replaced). */
  isCurrent(fn) {
    return this.functions.get(fn.config.name) === fn;
  }
  /** All functions, by name. */
  list() {
    return [...this.functions.values()].sort((a, b) => a.config.name.localeCompare(b.config.name));
  }
  /** CreateFunction. Answers with State Pending; the code is written right after. */
  create(body) {
    const rawName = optionalString(body, "FunctionName", "functionName");
    if (rawName === void 0) throw invalidParameter("FunctionName is a mandatory parameter.");
    const ref = parseFunctionRef(rawName, this.region, this.accountId);
    if (ref.qualifier !== void 0 || ref.foreign) throw invalidParameter(`Invalid function name for CreateFunction: ${rawName}`);
    if (body.PackageType === "Image") throw invalidParameter("The local Lambda runs Zip functions only.");
    const role = checkRole(optionalString(body, "Role", "role"));
    const runtime = checkRuntime(optionalString(body, "Runtime", "runtime"));
    const handler = checkHandler(optionalString(body, "Handler", "handler"));
    const code = typeof body.Code === "object" && body.Code !== null ? body.Code : {};
    const zip = checkZip(code.ZipFile, "CreateFunction");
    const logging = readLogging(body);
    const config = {
      name: ref.name,
      arn: this.arn(ref.name),
      runtime,
      role,
      handler,
      description: optionalString(body, "Description", "description") ?? "",
      timeout: optionalInt(body, "Timeout", "timeout", 1, 900) ?? 3,
      memorySize: optionalInt(body, "MemorySize", "memorySize", 128, 10240) ?? 128,
      environment: readEnvironment(body) ?? {},
      architectures: readArchitectures(body) ?? ["x86_64"],
      logFormat: logging?.format ?? "Text",
      applicationLogLevel: logging?.appLevel,
      systemLogLevel: logging?.systemLevel,
      logGroup: logging?.group ?? `/aws/lambda/${ref.name}`,
      ephemeralStorage: readEphemeral(body) ?? 512
    };
    if (this.functions.has(ref.name)) throw conflict(`Function already exist: ${ref.name}`);
    const fn = {
      config,
      code: { dir: "", zip: zip.zip, sha256: zip.sha256, size: zip.zip.length },
      state: "Pending",
      stateReason: "The function is being created.",
      lastUpdateStatus: "Successful",
      lastUpdateReason: void 0,
      lastModified: lastModified(),
      revisionId: randomUUID(),
      tags: readTags(body.Tags),
      reservedConcurrency: void 0,
      generation: 0,
      transition: void 0
    };
    this.functions.set(ref.name, fn);
    fn.transition = this.writeCode(fn, zip).then(
      (written) => {
        fn.code = written;
        fn.state = "Active";
        fn.stateReason = void 0;
      },
      (error) => {
        fn.state = "Failed";
        fn.stateReason = `Writing the code failed: ${error.message}`;
      }
    ).finally(() => {
      fn.transition = void 0;
    });
    return fn;
  }
  /** UpdateFunctionConfiguration: applied at once; environments retire; the next invocation is cold. */
  updateConfiguration(fn, body) {
    this.checkUpdatable(fn, body);
    const old = fn.config;
    const logging = readLogging(body);
    const role = optionalString(body, "Role", "role");
    const runtime = optionalString(body, "Runtime", "runtime");
    const handler = optionalString(body, "Handler", "handler");
    fn.config = {
      ...old,
      role: role === void 0 ? old.role : checkRole(role),
      runtime: runtime === void 0 ? old.runtime : checkRuntime(runtime),
      handler: handler === void 0 ? old.handler : checkHandler(handler),
      description: optionalString(body, "Description", "description") ?? old.description,
      timeout: optionalInt(body, "Timeout", "timeout", 1, 900) ?? old.timeout,
      memorySize: optionalInt(body, "MemorySize", "memorySize", 128, 10240) ?? old.memorySize,
      environment: readEnvironment(body) ?? old.environment,
      logFormat: logging?.format ?? old.logFormat,
      applicationLogLevel: logging?.appLevel ?? old.applicationLogLevel,
      systemLogLevel: logging?.systemLevel ?? old.systemLogLevel,
      logGroup: logging?.group ?? old.logGroup,
      ephemeralStorage: readEphemeral(body) ?? old.ephemeralStorage
    };
    this.bump(fn);
    this.retire(fn);
    fn.lastUpdateStatus = "InProgress";
    fn.transition = Promise.resolve().then(() => {
      fn.lastUpdateStatus = "Successful";
      fn.transition = void 0;
    });
  }
  /** UpdateFunctionCode: the old code serves until the new code is written, then environments retire. */
  updateCode(fn, body) {
    this.checkUpdatable(fn, body);
    const zip = checkZip(body.ZipFile, "UpdateFunctionCode");
    const architectures = readArchitectures(body);
    if (body.DryRun === true) return;
    fn.lastUpdateStatus = "InProgress";
    fn.revisionId = randomUUID();
    fn.lastModified = lastModified();
    fn.code = { dir: fn.code.dir, zip: zip.zip, sha256: zip.sha256, size: zip.zip.length };
    fn.transition = this.writeCode(fn, zip).then(
      (written) => {
        fn.code = written;
        if (architectures) fn.config = { ...fn.config, architectures };
        fn.generation += 1;
        this.retire(fn);
        fn.lastUpdateStatus = "Successful";
        fn.lastUpdateReason = void 0;
      },
      (error) => {
        fn.lastUpdateStatus = "Failed";
        fn.lastUpdateReason = `Writing the code failed: ${error.message}`;
      }
    ).finally(() => {
      fn.transition = void 0;
    });
  }
  /** DeleteFunction: environments are destroyed, the code directories removed. */
  async delete(fn) {
    this.functions.delete(fn.config.name);
    fn.generation += 1;
    this.retire(fn);
    await rm(join2(this.workDir, fn.config.name), { recursive: true, force: true });
  }
  /** Sets or clears reserved concurrency. */
  setReservedConcurrency(fn, value) {
    fn.reservedConcurrency = value;
  }
  checkUpdatable(fn, body) {
    if (fn.state !== "Active") {
      throw conflict(`The operation cannot be performed at this time. The function is currently in the following state: ${fn.state}`);
    }
    if (fn.lastUpdateStatus === "InProgress") {
      throw conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${fn.config.arn}`);
    }
    const revision = optionalString(body, "RevisionId", "revisionId");
    if (revision !== void 0 && revision !== fn.revisionId) throw preconditionFailed();
  }
  bump(fn) {
    fn.generation += 1;
    fn.revisionId = randomUUID();
    fn.lastModified = lastModified();
  }
  /** Writes the unzipped files into a fresh directory (one per upload, so running environments keep theirs). */
  async writeCode(fn, zip) {
    this.uploads += 1;
    const hex = Buffer.from(zip.sha256, "base64").toString("hex").slice(0, 12);
    const dir = join2(this.workDir, fn.config.name, `${this.uploads}-${hex}`);
    await mkdir(dir, { recursive: true });
    for (const [name, data] of Object.entries(zip.files)) {
      const target = join2(dir, name);
      if (name.endsWith("/")) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    return { dir, zip: zip.zip, sha256: zip.sha256, size: zip.zip.length };
  }
};
function readEphemeral(body) {
  const storage = body.EphemeralStorage;
  if (typeof storage !== "object" || storage === null) return void 0;
  return optionalInt(storage, "Size", "ephemeralStorage.size", 512, 10240);
}
function toConfiguration(fn, runtimeVersionArn) {
  const c = fn.config;
  const doc = {
    FunctionName: c.name,
    FunctionArn: c.arn,
    Runtime: c.runtime,
    Role: c.role,
    Handler: c.handler,
    CodeSize: fn.code.size,
    Description: c.description,
    Timeout: c.timeout,
    MemorySize: c.memorySize,
    LastModified: fn.lastModified,
    CodeSha256: fn.code.sha256,
    Version: "$LATEST",
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: fn.revisionId,
    State: fn.state,
    LastUpdateStatus: fn.lastUpdateStatus,
    PackageType: "Zip",
    Architectures: c.architectures,
    EphemeralStorage: { Size: c.ephemeralStorage },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn },
    LoggingConfig: loggingConfig(c.logFormat, c.applicationLogLevel, c.systemLogLevel, c.logGroup)
  };
  if (Object.keys(c.environment).length > 0) doc.Environment = { Variables: c.environment };
  if (fn.state === "Pending") {
    doc.StateReason = fn.stateReason;
    doc.StateReasonCode = "Creating";
  }
  if (fn.state === "Failed") {
    doc.StateReason = fn.stateReason;
    doc.StateReasonCode = "InternalError";
  }
  if (fn.lastUpdateStatus === "Failed") {
    doc.LastUpdateStatusReason = fn.lastUpdateReason;
    doc.LastUpdateStatusReasonCode = "InternalError";
  }
  return doc;
}
function loggingConfig(format, app, system, group) {
  const out = { LogFormat: format, LogGroup: group };
  if (format === "JSON") {
    out.ApplicationLogLevel = app ?? "INFO";
    out.SystemLogLevel = system ?? "INFO";
  }
  return out;
}

// lambda/local/control-plane.ts
function createFunction(ctx, body) {
  const fn = ctx.store.create(body);
  return { status: 201, body: toConfiguration(fn, ctx.runtimeVersionArn) };
}
async function getFunction(ctx, name, qualifier) {
  const fn = await ctx.store.find(name, qualifier);
  const doc = {
    Configuration: toConfiguration(fn, ctx.runtimeVersionArn),
    Code: { RepositoryType: "S3", Location: `${ctx.endpoint()}/_local/code/${encodeURIComponent(fn.config.name)}.zip` }
  };
  if (Object.keys(fn.tags).length > 0) doc.Tags = fn.tags;
  if (fn.reservedConcurrency !== void 0) doc.Concurrency = { ReservedConcurrentExecutions: fn.reservedConcurrency };
  return { status: 200, body: doc };
}
async function getConfiguration(ctx, name, qualifier) {
  const fn = await ctx.store.find(name, qualifier);
  return { status: 200, body: toConfiguration(fn, ctx.runtimeVersionArn) };
}
async function updateConfiguration(ctx, name, body) {
  const fn = await ctx.store.find(name);
  ctx.store.updateConfiguration(fn, body);
  return { status: 200, body: toConfiguration(fn, ctx.runtimeVersionArn) };
}
async function updateCode(ctx, name, body) {
  const fn = await ctx.store.find(name);
  ctx.store.updateCode(fn, body);
  return { status: 200, body: toConfiguration(fn, ctx.runtimeVersionArn) };
}
async function deleteFunction(ctx, name, qualifier) {
  if (qualifier === "$LATEST") throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  const fn = await ctx.store.find(name, qualifier);
  await ctx.store.delete(fn);
  return { status: 204 };
}
function listFunctions(ctx, query) {
  const maxRaw = query.get("MaxItems");
  const max = maxRaw === null ? 50 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 1e4) {
    throw validation("maxItems", maxRaw, "Member must have value between 1 and 10000");
  }
  const marker = query.get("Marker");
  const after = marker === null ? void 0 : Buffer.from(marker, "base64").toString("utf8");
  const all = ctx.store.list().filter((fn) => after === void 0 || fn.config.name > after);
  const page = all.slice(0, max);
  const doc = { Functions: page.map((fn) => toConfiguration(fn, ctx.runtimeVersionArn)) };
  const last = page.at(-1);
  if (all.length > max && last) doc.NextMarker = Buffer.from(last.config.name).toString("base64");
  return { status: 200, body: doc };
}
async function putConcurrency(ctx, name, body) {
  const fn = await ctx.store.find(name);
  const value = optionalInt(body, "ReservedConcurrentExecutions", "reservedConcurrentExecutions", 0, 1e4);
  if (value === void 0) throw validation("reservedConcurrentExecutions", void 0, "Member must not be null");
  ctx.store.setReservedConcurrency(fn, value);
  return { status: 200, body: { ReservedConcurrentExecutions: value } };
}
async function getConcurrency(ctx, name) {
  const fn = await ctx.store.find(name);
  return { status: 200, body: fn.reservedConcurrency === void 0 ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency } };
}
async function deleteConcurrency(ctx, name) {
  const fn = await ctx.store.find(name);
  ctx.store.setReservedConcurrency(fn, void 0);
  return { status: 204 };
}
async function listTags(ctx, arn) {
  const fn = await ctx.store.find(arn);
  return { status: 200, body: { Tags: fn.tags } };
}
async function tagResource(ctx, arn, body) {
  const fn = await ctx.store.find(arn);
  Object.assign(fn.tags, readTags(body.Tags));
  return { status: 204 };
}
async function untagResource(ctx, arn, keys) {
  const fn = await ctx.store.find(arn);
  for (const key of keys) delete fn.tags[key];
  return { status: 204 };
}

// lambda/local/invoke.ts
import { randomUUID as randomUUID2 } from "node:crypto";

// lambda/local/logs.ts
var TAIL_BYTES = 4096;
function billedDuration(durationMs, initDurationMs) {
  return Math.max(1, Math.ceil(durationMs + (initDurationMs ?? 0)));
}
var ms = (value) => value.toFixed(2);
var iso = () => (/* @__PURE__ */ new Date()).toISOString();
var json = (type, record) => `${JSON.stringify({ time: iso(), type, record })}
`;
function initStartLine(format, id) {
  if (format === "JSON") {
    return json("platform.initStart", {
      initializationType: "on-demand",
      phase: "init",
      runtimeVersion: id.runtimeVersion,
      runtimeVersionArn: id.runtimeVersionArn,
      functionName: id.functionName,
      functionVersion: "$LATEST"
    });
  }
  return `INIT_START Runtime Version: ${id.runtimeVersion}	Runtime Version ARN: ${id.runtimeVersionArn}
`;
}
function initReportLine(format, initDurationMs, status, errorType) {
  if (format === "JSON") {
    return json("platform.initReport", {
      initializationType: "on-demand",
      phase: "init",
      status,
      ...errorType === void 0 ? {} : { errorType },
      metrics: { durationMs: round3(initDurationMs) }
    });
  }
  const type = errorType === void 0 ? "" : `	Error Type: ${errorType}`;
  return `INIT_REPORT Init Duration: ${ms(initDurationMs)} ms	Phase: init	Status: ${status}${type}
`;
}
function startLine(format, requestId) {
  if (format === "JSON") return json("platform.start", { requestId, version: "$LATEST" });
  return `START RequestId: ${requestId} Version: $LATEST
`;
}
function endLine(format, requestId, status, durationMs) {
  if (format === "JSON") {
    return json("platform.runtimeDone", { requestId, status, metrics: { durationMs: round3(durationMs) } });
  }
  return `END RequestId: ${requestId}
`;
}
function reportLine(format, r) {
  if (format === "JSON") {
    const metrics = {
      durationMs: round3(r.durationMs),
      billedDurationMs: r.billedDurationMs,
      memorySizeMB: r.memorySizeMb,
      maxMemoryUsedMB: r.maxMemoryUsedMb
    };
    if (r.initDurationMs !== void 0) metrics.initDurationMs = round3(r.initDurationMs);
    return json("platform.report", {
      requestId: r.requestId,
      metrics,
      status: r.status,
      ...r.errorType === void 0 ? {} : { errorType: r.errorType }
    });
  }
  const fields = [
    `REPORT RequestId: ${r.requestId}`,
    `Duration: ${ms(r.durationMs)} ms`,
    `Billed Duration: ${r.billedDurationMs} ms`,
    `Memory Size: ${r.memorySizeMb} MB`,
    `Max Memory Used: ${r.maxMemoryUsedMb} MB`
  ];
  if (r.initDurationMs !== void 0) fields.push(`Init Duration: ${ms(r.initDurationMs)} ms`);
  if (r.status === "timeout") fields.push("Status: timeout");
  if (r.status === "error") {
    fields.push("Status: error");
    if (r.errorType !== void 0) fields.push(`Error Type: ${r.errorType}`);
  }
  return `${fields.join("	")}	
`;
}
function timeoutLine(requestId, timeoutSeconds) {
  return `${iso()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds
`;
}
function exitLines(requestId, detail, errorType) {
  return `RequestId: ${requestId} Error: ${detail}
${errorType}
`;
}
function logTail(log) {
  const bytes = Buffer.from(log, "utf8");
  return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString("base64");
}
function round3(value) {
  return Math.round(value * 1e3) / 1e3;
}

// lambda/local/invoke.ts
var MAX_SYNC_PAYLOAD = 6291456;
var MAX_ASYNC_PAYLOAD = 1048576;
var MAX_CLIENT_CONTEXT = 3583;
var EVENT_RETRY_MS = 500;
var EVENT_MAX_AGE_MS = 6 * 3600 * 1e3;
async function handleInvoke(ctx, req, res, name, qualifier, body, truncated) {
  const type = header(req, "x-amz-invocation-type") ?? "RequestResponse";
  if (type !== "RequestResponse" && type !== "Event" && type !== "DryRun") {
    throw validation("invocationType", type, "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
  }
  const logType = header(req, "x-amz-log-type") ?? "None";
  if (logType !== "None" && logType !== "Tail") throw validation("logType", logType, "Member must satisfy enum value set: [None, Tail]");
  const fn = await ctx.store.find(name, qualifier);
  if (fn.state !== "Active") {
    throw conflict(`The operation cannot be performed at this time. The function is currently in the following state: ${fn.state}`);
  }
  const limit = type === "Event" ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
  if (truncated || body.length > limit) throw requestTooLarge(limit, type === "Event" ? "InvokeAsync" : "InvokeFunction");
  const payload = body.length === 0 ? Buffer.from("{}") : body;
  try {
    JSON.parse(payload.toString("utf8"));
  } catch (error) {
    throw invalidRequestContent(error.message);
  }
  const input = {
    requestId: randomUUID2(),
    payload,
    invokedFunctionArn: invokedArn(fn, name, qualifier),
    clientContext: clientContext(header(req, "x-amz-client-context"))
  };
  if (type === "DryRun") {
    res.writeHead(204, { "x-amzn-RequestId": input.requestId });
    res.end();
    return;
  }
  if (type === "Event") {
    runEvent(ctx, fn, input, Date.now());
    res.writeHead(202, { "x-amzn-RequestId": input.requestId, "Content-Length": 0 });
    res.end();
    return;
  }
  globalThis.__trace?.("pool");
  const result = await ctx.pool.invoke(fn, input);
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": result.payload.length,
    "x-amzn-RequestId": result.requestId,
    "X-Amz-Executed-Version": "$LATEST",
    "x-amzn-Remapped-Content-Length": 0,
    // Not an AWS header: lets a harness record which runtime client served the call.
    "x-local-lambda-runtime-client": result.runtimeClient ?? "unknown"
  };
  if (result.functionError) headers["X-Amz-Function-Error"] = result.functionError;
  if (logType === "Tail") headers["X-Amz-Log-Result"] = logTail(result.log);
  globalThis.__trace?.("respond");
  res.writeHead(200, headers);
  res.end(result.payload);
  result.acknowledge?.();
}
function runEvent(ctx, fn, input, queuedAt) {
  ctx.pool.invoke(fn, input).catch((error) => {
    const throttled = error instanceof LambdaApiError && error.status === 429;
    if (throttled && !ctx.isClosed() && ctx.store.isCurrent(fn) && Date.now() - queuedAt < EVENT_MAX_AGE_MS) {
      setTimeout(() => runEvent(ctx, fn, input, queuedAt), EVENT_RETRY_MS).unref();
      return;
    }
    if (!ctx.isClosed()) ctx.notice(`local Lambda: Event invocation ${input.requestId} of ${fn.config.name} dropped: ${error.message}`);
  });
}
function invokedArn(fn, rawName, qualifierParam) {
  const qualifier = qualifierParam ?? /:(\$LATEST)$/.exec(rawName)?.[1];
  return qualifier === void 0 ? fn.config.arn : `${fn.config.arn}:${qualifier}`;
}
function clientContext(value) {
  if (value === void 0 || value === "") return void 0;
  if (value.length > MAX_CLIENT_CONTEXT) throw invalidParameter("Client context must be 3583 bytes or less (base64-encoded).");
  const decoded = Buffer.from(value, "base64").toString("utf8");
  try {
    JSON.parse(decoded);
  } catch {
    throw invalidParameter("Client context must be a valid Base64-encoded JSON object.");
  }
  return decoded;
}
function header(req, name) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// lambda/local/environment.ts
import { randomBytes as randomBytes2 } from "node:crypto";

// lambda/local/exit.ts
var SIGNAL_WORDS = {
  SIGKILL: "killed",
  SIGABRT: "aborted",
  SIGSEGV: "segmentation fault",
  SIGTERM: "terminated",
  SIGBUS: "bus error",
  SIGILL: "illegal instruction",
  SIGFPE: "floating point exception",
  SIGINT: "interrupt",
  SIGQUIT: "quit",
  SIGHUP: "hangup",
  SIGPIPE: "broken pipe"
};
function classifyExit(facts) {
  const detail = facts.signal !== null ? `Runtime exited with error: signal: ${SIGNAL_WORDS[facts.signal] ?? facts.signal}` : facts.code === 0 ? "Runtime exited without providing a reason" : `Runtime exited with error: exit status ${facts.code ?? "unknown"}`;
  const initFailure = !facts.initialised;
  if (facts.oomKilled || facts.heapLimitAbort) return { errorType: "Runtime.OutOfMemory", detail, initFailure };
  if (facts.initError) return { errorType: facts.initError.type ?? "Runtime.Unknown", detail, initFailure };
  return { errorType: "Runtime.ExitError", detail, initFailure };
}
function timeoutPayload(requestId, timeoutSeconds) {
  const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
  return Buffer.from(JSON.stringify({ errorType: "Sandbox.Timedout", errorMessage }));
}
function exitPayload(requestId, verdict, facts) {
  if (facts.initError && verdict.errorType !== "Runtime.OutOfMemory") return facts.initError.body;
  return Buffer.from(JSON.stringify({ errorType: verdict.errorType, errorMessage: `RequestId: ${requestId} Error: ${verdict.detail}` }));
}

// lambda/local/launch.ts
import { spawn } from "node:child_process";
import { closeSync, openSync, readSync } from "node:fs";
import { dirname as dirname2 } from "node:path";
function nodeMemoryFlags(memoryMb) {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}
function launchRuntime(spec) {
  const nodeArgs = [
    "--expose-gc",
    "--max-http-header-size",
    "81920",
    ...nodeMemoryFlags(spec.config.memorySize),
    spec.bootstrapPath,
    spec.runtimeClient
  ];
  const options = {
    cwd: spec.code.dir,
    env: runtimeEnvironment(spec),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  };
  if (spec.cgroupProcs === void 0) return spawn(process.execPath, nodeArgs, options);
  const script = 'echo $$ > "$1" && echo $$ > "$2" && shift 2 && exec "$@"';
  return spawn("/bin/sh", ["-c", script, "sh", ...spec.cgroupProcs, process.execPath, ...nodeArgs], options);
}
function runtimeEnvironment(spec) {
  const c = spec.config;
  const day = (/* @__PURE__ */ new Date()).toISOString().slice(0, 10).replaceAll("-", "/");
  const env = {
    PATH: `${dirname2(process.execPath)}:/usr/local/bin:/usr/bin/:/bin:/opt/bin`,
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    LAMBDA_TASK_ROOT: spec.code.dir,
    LAMBDA_RUNTIME_DIR: dirname2(spec.bootstrapPath),
    _HANDLER: c.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${c.runtime}`,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_LAMBDA_FUNCTION_NAME: c.name,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(c.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: c.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${spec.environmentId}`,
    AWS_LAMBDA_RUNTIME_API: spec.runtimeApi
  };
  if (c.logFormat === "JSON") {
    env.AWS_LAMBDA_LOG_FORMAT = "JSON";
    env.AWS_LAMBDA_LOG_LEVEL = c.applicationLogLevel ?? "INFO";
  }
  return { ...c.environment, ...env };
}
var PeakRssReader = class {
  fd;
  /** /proc/<pid>/status is about 1.4 KB; VmHWM is in its first half. */
  buffer = Buffer.alloc(4096);
  constructor(pid) {
    try {
      this.fd = pid === void 0 ? void 0 : openSync(`/proc/${pid}/status`, "r");
    } catch {
      this.fd = void 0;
    }
  }
  /** The current VmHWM in kB; undefined once the process is gone (or was never there). */
  readKb() {
    if (this.fd === void 0) return void 0;
    try {
      const length = readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
      const match = /^VmHWM:\s+(\d+) kB/m.exec(this.buffer.toString("latin1", 0, length));
      return match ? Number(match[1]) : void 0;
    } catch {
      return void 0;
    }
  }
  close() {
    if (this.fd === void 0) return;
    try {
      closeSync(this.fd);
    } catch {
    }
    this.fd = void 0;
  }
};
function signalGroup(pid, signal) {
  if (pid === void 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
  }
}

// lambda/local/runtime-api.ts
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
var PREFIX = "/2018-06-01/runtime/";
var MAX_POST_BYTES = 8 * 1024 * 1024;
async function startRuntimeApi(handler) {
  const server = createServer((req, res) => route(handler, req, res));
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address();
  return {
    address: `127.0.0.1:${port}`,
    close() {
      server.close();
      server.closeAllConnections();
    }
  };
}
function sendEvent(res, event) {
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": event.payload.length,
    "Lambda-Runtime-Aws-Request-Id": event.requestId,
    "Lambda-Runtime-Deadline-Ms": event.deadlineMs,
    "Lambda-Runtime-Invoked-Function-Arn": event.invokedFunctionArn,
    "Lambda-Runtime-Trace-Id": event.traceId
  };
  if (event.clientContext !== void 0) headers["Lambda-Runtime-Client-Context"] = event.clientContext;
  res.writeHead(200, headers);
  res.end(event.payload);
}
function route(handler, req, res) {
  const path = (req.url ?? "").split("?")[0] ?? "";
  if (!path.startsWith(PREFIX)) return answer(res, 404, { errorMessage: "Not found", errorType: "NotFound" });
  const rest = path.slice(PREFIX.length);
  if (req.method === "GET" && rest === "invocation/next") {
    handler.next(res, req.headers["user-agent"]);
    return;
  }
  if (req.method !== "POST") return answer(res, 405, { errorMessage: "Method not allowed", errorType: "MethodNotAllowed" });
  const errorType = header2(req, "lambda-runtime-function-error-type");
  readBody(req, (body, truncated) => {
    const reply = (status, doc) => answer(res, status, doc);
    if (truncated) return reply(413, { errorMessage: "Payload too large", errorType: "RequestEntityTooLarge" });
    if (rest === "init/error") return handler.initError(body, errorType, reply);
    const match = /^invocation\/([^/]+)\/(response|error)$/.exec(rest);
    if (!match) return reply(404, { errorMessage: "Not found", errorType: "NotFound" });
    const requestId = decodeURIComponent(match[1]);
    if (match[2] === "response") handler.response(requestId, body, reply);
    else handler.error(requestId, body, errorType, reply);
  });
}
function header2(req, name) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
function readBody(req, done) {
  const chunks = [];
  let size = 0;
  let truncated = false;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_POST_BYTES) truncated = true;
    else chunks.push(chunk);
  });
  req.on("end", () => done(Buffer.concat(chunks), truncated));
  req.on("error", () => done(Buffer.alloc(0), true));
}
function answer(res, status, doc) {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(doc);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
function clientFromUserAgent(userAgent) {
  if (userAgent?.startsWith("AWS_Lambda_Cpp/")) return "aws-lambda-ric";
  if (userAgent?.startsWith("wasm-lambda-bench-fallback-ric/")) return "fallback";
  return void 0;
}
function errorTypeOf(body) {
  try {
    const doc = JSON.parse(body.toString("utf8"));
    return typeof doc.errorType === "string" ? doc.errorType : "Unhandled";
  } catch {
    return "Unhandled";
  }
}
function traceId() {
  const epoch = Math.floor(Date.now() / 1e3).toString(16);
  return `Root=1-${epoch}-${randomBytes(12).toString("hex")};Parent=${randomBytes(8).toString("hex")};Sampled=0`;
}

// lambda/local/environment.ts
var MAX_RESPONSE_BYTES = 6291556;
var LOG_CAP = 1024 * 1024;
var FREEZE_GRACE_MS = 100;
var INIT_LIMIT_MS = 1e4;
var ExecutionEnvironment = class _ExecutionEnvironment {
  constructor(config, code, generation, deps) {
    this.config = config;
    this.code = code;
    this.generation = generation;
    this.deps = deps;
  }
  config;
  code;
  generation;
  deps;
  id = randomBytes2(16).toString("hex");
  state = "initializing";
  invocations = 0;
  /** The client that polled `/next`, known from its User-Agent. */
  runtimeClient;
  /** When the environment last finished an invocation (for LRU eviction). */
  lastUsed = performance.now();
  child;
  api;
  cgroup;
  /** When the runtime process was spawned: Init Duration counts from here. */
  spawnedAt = performance.now();
  initDurationMs;
  initReported = false;
  initTimer;
  parkedNext;
  current;
  /** Output produced while no invocation runs (INIT, or after a response): opens the next invocation's log. */
  pendingLog = "";
  initError;
  hwmKb = 0;
  peakRss;
  frozen = false;
  freezeTimer;
  killedForTimeout = false;
  recentOutput = "";
  markExited = () => void 0;
  /** Settles once the runtime process has exited and its cgroups are removed (or given up on). */
  exited = new Promise((resolve) => {
    this.markExited = resolve;
  });
  /** Starts an environment: Runtime API, cgroups, then the runtime process. INIT runs in the background. */
  static async start(config, code, generation, deps) {
    const env = new _ExecutionEnvironment(config, code, generation, deps);
    env.api = await startRuntimeApi({
      next: (res, ua) => env.onNext(res, ua),
      response: (id, body, reply) => env.onResult(id, body, reply, void 0),
      error: (id, body, type, reply) => env.onResult(id, body, reply, type ?? errorTypeOf(body)),
      initError: (body, type, reply) => env.onInitError(body, type, reply)
    });
    try {
      env.cgroup = deps.cgroups.create(env.id, config.memorySize);
    } catch (error) {
      env.api.close();
      throw error;
    }
    env.emit(initStartLine(config.logFormat, deps.identity(config)));
    env.spawnRuntime();
    env.initTimer = setTimeout(() => env.onInitTimeout(), INIT_LIMIT_MS);
    return env;
  }
  /** The process id of the runtime (the sh wrapper execs node, keeping its pid). */
  get pid() {
    return this.child?.pid;
  }
  /** Runs one invocation; resolves when it ends, however it ends. One at a time. */
  run(input) {
    if (this.current || this.state === "dead") throw new Error(`environment ${this.id} cannot take an invocation now`);
    return new Promise((resolve) => {
      this.current = { input, resolve, log: this.pendingLog, deliveredAt: void 0, timer: void 0 };
      this.pendingLog = "";
      this.invocations += 1;
      if (this.state === "idle") this.state = "busy";
      if (this.parkedNext) this.deliver(this.parkedNext);
    });
  }
  /** Kills the runtime process group and releases the port; cgroups go once the processes are gone. */
  kill() {
    if (this.state === "dead") return;
    this.state = "dead";
    clearTimeout(this.initTimer);
    clearTimeout(this.freezeTimer);
    this.signal("SIGKILL");
    this.api?.close();
    this.deps.onDead(this);
  }
  /** Status for `/_local/status`. */
  status() {
    return {
      id: this.id,
      functionName: this.config.name,
      pid: this.pid,
      state: this.state,
      runtimeClient: this.runtimeClient,
      invocations: this.invocations
    };
  }
  spawnRuntime() {
    this.spawnedAt = performance.now();
    const child = launchRuntime({
      config: this.config,
      code: this.code,
      environmentId: this.id,
      bootstrapPath: this.deps.bootstrapPath,
      runtimeClient: this.deps.runtimeClient,
      region: this.deps.region,
      runtimeApi: this.api?.address ?? "",
      cgroupProcs: this.cgroup?.procsFiles
    });
    this.child = child;
    this.peakRss = new PeakRssReader(child.pid);
    child.stdout.setEncoding("utf8").on("data", (text) => this.output(text));
    child.stderr.setEncoding("utf8").on("data", (text) => this.output(text));
    child.on("error", (error) => {
      this.output(`local Lambda: could not start the runtime: ${error.message}
`);
      if (child.pid === void 0) this.onExit(127, null);
    });
    child.on("exit", (code, signal) => this.onExit(code, signal));
  }
  /** Everything the runtime prints is log text of the running invocation, or of the next one. */
  output(text) {
    this.recentOutput = (this.recentOutput + text).slice(-2048);
    this.emit(text);
  }
  emit(text) {
    if (this.current) {
      this.current.log += text;
      if (this.current.log.length > LOG_CAP) this.current.log = this.current.log.slice(-LOG_CAP);
    } else {
      this.pendingLog += text;
      if (this.pendingLog.length > LOG_CAP) this.pendingLog = this.pendingLog.slice(-LOG_CAP);
    }
    this.deps.onLog(this.config.name, text);
  }
  /** Appends a platform line to an invocation's log (and to the server's log sink). */
  platform(run, text) {
    run.log += text;
    this.deps.onLog(this.config.name, text);
  }
  onNext(res, userAgent) {
    globalThis.__trace?.("next");
    if (this.state === "dead") {
      res.destroy();
      return;
    }
    this.runtimeClient = clientFromUserAgent(userAgent) ?? this.deps.runtimeClient;
    if (this.initDurationMs === void 0) {
      this.initDurationMs = performance.now() - this.spawnedAt;
      this.sampleMemory();
      clearTimeout(this.initTimer);
      this.cgroup?.setCpu("throttled");
      if (this.state === "initializing") this.state = this.current ? "busy" : "idle";
    }
    if (this.current && this.current.deliveredAt === void 0) {
      this.deliver(res);
      return;
    }
    this.parkedNext = res;
    if (this.deps.freezeIdle && !this.current) {
      this.freezeTimer = setTimeout(() => {
        if (this.current || this.state === "dead") return;
        this.signal("SIGSTOP");
        this.frozen = true;
      }, FREEZE_GRACE_MS);
      this.freezeTimer.unref();
    }
  }
  deliver(res) {
    const run = this.current;
    if (!run) return;
    this.parkedNext = void 0;
    clearTimeout(this.freezeTimer);
    if (this.frozen) {
      this.signal("SIGCONT");
      this.frozen = false;
    }
    this.platform(run, startLine(this.config.logFormat, run.input.requestId));
    const event = {
      requestId: run.input.requestId,
      deadlineMs: Date.now() + this.config.timeout * 1e3,
      invokedFunctionArn: run.input.invokedFunctionArn,
      traceId: traceId(),
      clientContext: run.input.clientContext,
      payload: run.input.payload
    };
    globalThis.__trace?.("deliver");
    run.deliveredAt = performance.now();
    run.timer = setTimeout(() => this.onTimeout(), this.config.timeout * 1e3);
    sendEvent(res, event);
  }
  onResult(requestId, body, reply, errorType) {
    const run = this.current;
    const endedAt = performance.now();
    globalThis.__trace?.("result");
    if (!run || run.deliveredAt === void 0 || run.input.requestId !== requestId) {
      reply(400, { errorMessage: `Invalid request ID: ${requestId}`, errorType: "InvalidRequestID" });
      return;
    }
    this.sampleMemory();
    clearTimeout(run.timer);
    const duration = endedAt - run.deliveredAt;
    const tooLarge = errorType === void 0 && body.length > MAX_RESPONSE_BYTES;
    const payload = tooLarge ? Buffer.from(JSON.stringify({
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      errorType: "Function.ResponseSizeTooLarge"
    })) : body;
    const failed = errorType !== void 0 || tooLarge;
    let acknowledged = false;
    const acknowledge = () => {
      if (acknowledged) return;
      acknowledged = true;
      if (tooLarge) reply(413, { errorMessage: "Response payload too large", errorType: "RequestEntityTooLarge" });
      else reply(202, { status: "OK" });
    };
    setImmediate(() => {
      globalThis.__trace?.("immediate");
      this.finish(
        failed ? "failure" : "success",
        payload,
        failed ? "Unhandled" : void 0,
        tooLarge ? "Function.ResponseSizeTooLarge" : errorType,
        duration,
        void 0,
        acknowledge
      );
      setImmediate(acknowledge);
    });
  }
  onInitError(body, type, reply) {
    this.sampleMemory();
    this.initError = { type: type ?? errorTypeOf(body), body };
    reply(202, { status: "OK" });
  }
  onTimeout() {
    const run = this.current;
    if (!run || run.deliveredAt === void 0) return;
    const duration = performance.now() - run.deliveredAt;
    const remaining = this.config.timeout * 1e3 - duration;
    if (remaining > 0) {
      run.timer = setTimeout(() => this.onTimeout(), Math.ceil(remaining));
      return;
    }
    this.killedForTimeout = true;
    this.emit(timeoutLine(run.input.requestId, this.config.timeout));
    this.finish("timeout", timeoutPayload(run.input.requestId, this.config.timeout), "Unhandled", "Sandbox.Timedout", duration, void 0);
    this.kill();
  }
  onInitTimeout() {
    if (this.initDurationMs !== void 0 || this.state === "dead") return;
    this.killedForTimeout = true;
    this.emit(initReportLine(this.config.logFormat, performance.now() - this.spawnedAt, "timeout", void 0));
    const run = this.current;
    if (run) {
      this.platform(run, startLine(this.config.logFormat, run.input.requestId));
      const payload = timeoutPayload(run.input.requestId, INIT_LIMIT_MS / 1e3);
      this.finish("timeout", payload, "Unhandled", "Sandbox.Timedout", performance.now() - this.spawnedAt, void 0);
    }
    this.kill();
  }
  onExit(code, signal) {
    clearTimeout(this.initTimer);
    this.peakRss?.close();
    const wasKilledByUs = this.state === "dead";
    const facts = {
      code,
      signal,
      oomKilled: this.cgroup?.oomKilled() ?? false,
      heapLimitAbort: this.recentOutput.includes("JavaScript heap out of memory"),
      initError: this.initError,
      initialised: this.initDurationMs !== void 0
    };
    if (this.cgroup) this.removeCgroupSoon(this.cgroup);
    else this.markExited();
    if (wasKilledByUs || this.killedForTimeout) return;
    const run = this.current;
    setTimeout(() => {
      const exit = classifyExit(facts);
      if (run) {
        const requestId = run.input.requestId;
        if (exit.initFailure) {
          const initMs = performance.now() - this.spawnedAt;
          this.emit(initReportLine(this.config.logFormat, initMs, "error", exit.errorType));
          this.platform(run, startLine(this.config.logFormat, requestId));
        } else {
          if (run.deliveredAt === void 0) this.platform(run, startLine(this.config.logFormat, requestId));
          this.emit(exitLines(requestId, exit.detail, exit.errorType));
        }
        const since = run.deliveredAt ?? this.spawnedAt;
        const memory2 = exit.errorType === "Runtime.OutOfMemory" ? this.config.memorySize : void 0;
        this.finish("error", exitPayload(requestId, exit, facts), "Unhandled", exit.errorType, performance.now() - since, memory2);
      } else {
        this.deps.onLog(this.config.name, `local Lambda: idle environment ${this.id} exited (${exit.detail})
`);
      }
      this.kill();
    }, 20);
  }
  /** Writes END and REPORT, resolves the invocation and frees the environment for the next one. */
  finish(status, payload, functionError, errorType, durationMs, memoryOverrideMb, acknowledge) {
    const run = this.current;
    if (!run) return;
    this.current = void 0;
    clearTimeout(run.timer);
    const format = this.config.logFormat;
    const cold = !this.initReported && this.initDurationMs !== void 0;
    const initDurationMs = cold ? this.initDurationMs : void 0;
    if (cold) this.initReported = true;
    const maxMemoryUsedMb = memoryOverrideMb ?? Math.round(this.hwmKb / 1024);
    const billedDurationMs = billedDuration(durationMs, initDurationMs);
    const requestId = run.input.requestId;
    const tail = endLine(format, requestId, status, durationMs) + reportLine(format, {
      requestId,
      durationMs,
      billedDurationMs,
      memorySizeMb: this.config.memorySize,
      maxMemoryUsedMb,
      initDurationMs,
      status,
      errorType
    });
    this.platform(run, tail);
    this.lastUsed = performance.now();
    if (this.state === "busy") this.state = "idle";
    run.resolve({
      requestId,
      status,
      payload: new Uint8Array(payload),
      functionError,
      errorType,
      log: run.log,
      durationMs,
      billedDurationMs,
      initDurationMs,
      maxMemoryUsedMb,
      runtimeClient: this.runtimeClient,
      environmentId: this.id,
      ...acknowledge ? { acknowledge } : {}
    });
  }
  /** Peak RSS of the runtime process (VmHWM), kept as the environment's high-water mark. */
  sampleMemory() {
    this.hwmKb = Math.max(this.hwmKb, this.peakRss?.readKb() ?? 0);
  }
  signal(name) {
    signalGroup(this.pid, name);
  }
  removeCgroupSoon(cgroup, attempt = 0) {
    if (cgroup.remove() || attempt > 50) {
      this.markExited();
      return;
    }
    setTimeout(() => this.removeCgroupSoon(cgroup, attempt + 1), 20);
  }
};

// lambda/local/pool.ts
var EnvironmentPool = class {
  constructor(deps, settings) {
    this.deps = deps;
    this.settings = settings;
  }
  deps;
  settings;
  live = /* @__PURE__ */ new Set();
  idleTimers = /* @__PURE__ */ new Map();
  /** Environments being started, counted against the limits before they exist. */
  starting = /* @__PURE__ */ new Map();
  closed = false;
  /** Runs an invocation on a warm environment or a new one; throws a 429 error when throttled. */
  async invoke(fn, input) {
    const name = fn.config.name;
    if (fn.reservedConcurrency !== void 0 && this.busyCount(name) + (this.starting.get(name) ?? 0) >= fn.reservedConcurrency) {
      throw tooManyRequests("ReservedFunctionConcurrentInvocationLimitExceeded");
    }
    const env = this.takeIdle(fn) ?? await this.startNew(fn);
    try {
      return await env.run(input);
    } finally {
      this.release(env, fn);
    }
  }
  /** Retires a function's environments: idle ones now, busy ones when their invocation ends. */
  retire(fn) {
    for (const env of this.live) {
      if (env.config.name === fn.config.name && env.state === "idle") this.destroy(env);
    }
  }
  /** Snapshot for the status endpoint. */
  status() {
    return [...this.live].map((env) => env.status());
  }
  /** Kills every environment and waits until their processes and cgroups are gone. */
  async close() {
    this.closed = true;
    const all = [...this.live];
    for (const env of all) this.destroy(env);
    await Promise.all(all.map((env) => env.exited));
  }
  /** Kills every environment's process group at once, synchronously (for process exit). */
  killAllNow() {
    for (const env of this.live) env.kill();
  }
  takeIdle(fn) {
    let best;
    for (const env of this.live) {
      if (env.config.name !== fn.config.name || env.state !== "idle" || env.generation !== fn.generation) continue;
      if (!best || env.lastUsed > best.lastUsed) best = env;
    }
    if (best) {
      clearTimeout(this.idleTimers.get(best));
      this.idleTimers.delete(best);
      best.state = "busy";
    }
    return best;
  }
  async startNew(fn) {
    if (this.closed) throw new Error("the local Lambda is shutting down");
    const name = fn.config.name;
    if (this.totalCount() >= this.settings.maxConcurrency && !this.evictOldestIdle()) {
      throw tooManyRequests("ConcurrentInvocationLimitExceeded");
    }
    this.starting.set(name, (this.starting.get(name) ?? 0) + 1);
    try {
      const env = await ExecutionEnvironment.start(fn.config, fn.code, fn.generation, {
        ...this.deps,
        onDead: (dead) => this.forget(dead)
      });
      this.live.add(env);
      return env;
    } finally {
      this.starting.set(name, (this.starting.get(name) ?? 1) - 1);
    }
  }
  release(env, fn) {
    if (env.state === "dead") return;
    if (this.closed || env.generation !== fn.generation) {
      this.destroy(env);
      return;
    }
    if (env.state !== "idle") return;
    const timer = setTimeout(() => this.destroy(env), this.settings.idleTimeoutMs);
    timer.unref();
    this.idleTimers.set(env, timer);
  }
  destroy(env) {
    env.kill();
    this.forget(env);
  }
  forget(env) {
    clearTimeout(this.idleTimers.get(env));
    this.idleTimers.delete(env);
    this.live.delete(env);
  }
  busyCount(name) {
    let count = 0;
    for (const env of this.live) if (env.config.name === name && env.state !== "idle") count += 1;
    return count;
  }
  totalCount() {
    let starting = 0;
    for (const n2 of this.starting.values()) starting += n2;
    return this.live.size + starting;
  }
  evictOldestIdle() {
    let oldest;
    for (const env of this.live) {
      if (env.state === "idle" && (!oldest || env.lastUsed < oldest.lastUsed)) oldest = env;
    }
    if (oldest) this.destroy(oldest);
    return oldest !== void 0;
  }
};

// lambda/local/server.ts
var RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));
var MAX_CODE_REQUEST = 70167211;
var MAX_OTHER_REQUEST = 1024 * 1024;
async function startLocalLambda(options = {}) {
  const notice = options.notice ?? ((message) => process.stderr.write(`${message}
`));
  const region = options.region ?? "us-east-1";
  const cgroups = createCgroupManager(options.cgroups ?? "auto");
  if (cgroups.mode === "none") {
    notice(`local Lambda: running environments without CPU or memory limits (cpuLimit: none): ${cgroups.reason}`);
  }
  const client = await chooseRuntimeClient(options.runtimeClient ?? "auto");
  if (client.name === "fallback" && client.reason !== void 0) {
    notice(`local Lambda: using the project's fallback runtime client: ${client.reason}`);
  }
  const ownWorkDir = options.workDir === void 0;
  const workDir = options.workDir ?? mkdtempSync(join3(tmpdir(), "wasm-lambda-bench-local-"));
  const nodeMajor = process.versions.node.split(".")[0] ?? "0";
  const runtimeVersionArn = `arn:aws:lambda:${region}::runtime:local-${client.name}-node-${process.version}`;
  const onLog = options.onLog ?? (() => void 0);
  const pool = new EnvironmentPool(
    {
      bootstrapPath: join3(RUNTIME_DIR, "bootstrap.mjs"),
      runtimeClient: client.name,
      cgroups,
      freezeIdle: options.freezeIdle ?? true,
      region,
      identity: (config) => ({ functionName: config.name, runtimeVersion: `nodejs:${nodeMajor}.local`, runtimeVersionArn }),
      onLog
    },
    { idleTimeoutMs: options.idleTimeoutMs ?? 3e5, maxConcurrency: options.maxConcurrency ?? 32 }
  );
  const store = new FunctionStore(region, options.accountId ?? "000000000000", workDir, (fn) => pool.retire(fn));
  let endpoint = "";
  let closed = false;
  const control = { store, pool, endpoint: () => endpoint, runtimeVersionArn };
  const server = createServer2((req, res) => {
    globalThis.__trace?.("srv-req");
    route2(req, res).catch((error) => sendError(res, error, notice));
  });
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  async function route2(req, res) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const segments = url.pathname.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));
    const method = req.method ?? "GET";
    const qualifier = url.searchParams.get("Qualifier") ?? void 0;
    const [version, collection, name, sub] = segments;
    const isInvoke = method === "POST" && sub === "invocations";
    const limit = isInvoke ? MAX_SYNC_PAYLOAD : method === "POST" || sub === "code" ? MAX_CODE_REQUEST : MAX_OTHER_REQUEST;
    const { body, truncated } = await readBody2(req, limit);
    globalThis.__trace?.("body");
    if (isInvoke && version === "2015-03-31" && collection === "functions" && name !== void 0 && segments.length === 4) {
      return handleInvoke({ store, pool, isClosed: () => closed, notice }, req, res, name, qualifier, body, truncated);
    }
    if (truncated) throw new LambdaApiError(413, "RequestEntityTooLargeException", `Request must be smaller than ${limit} bytes`, "message");
    const json2 = () => parseJsonObject(body);
    let result;
    const key = `${method} ${version ?? ""}/${collection ?? ""}${name === void 0 ? "" : "/{}"}${sub === void 0 ? "" : `/${sub}`}`;
    if (segments.length <= 4) {
      const n2 = name ?? "";
      switch (key) {
        case "POST 2015-03-31/functions":
          result = createFunction(control, json2());
          break;
        case "GET 2015-03-31/functions":
          result = listFunctions(control, url.searchParams);
          break;
        case "GET 2015-03-31/functions/{}":
          result = await getFunction(control, n2, qualifier);
          break;
        case "DELETE 2015-03-31/functions/{}":
          result = await deleteFunction(control, n2, qualifier);
          break;
        case "GET 2015-03-31/functions/{}/configuration":
          result = await getConfiguration(control, n2, qualifier);
          break;
        case "PUT 2015-03-31/functions/{}/configuration":
          result = await updateConfiguration(control, n2, json2());
          break;
        case "PUT 2015-03-31/functions/{}/code":
          result = await updateCode(control, n2, json2());
          break;
        case "PUT 2017-10-31/functions/{}/concurrency":
          result = await putConcurrency(control, n2, json2());
          break;
        case "GET 2019-09-30/functions/{}/concurrency":
          result = await getConcurrency(control, n2);
          break;
        case "DELETE 2017-10-31/functions/{}/concurrency":
          result = await deleteConcurrency(control, n2);
          break;
        case "GET 2017-03-31/tags/{}":
          result = await listTags(control, n2);
          break;
        case "POST 2017-03-31/tags/{}":
          result = await tagResource(control, n2, json2());
          break;
        case "DELETE 2017-03-31/tags/{}":
          result = await untagResource(control, n2, url.searchParams.getAll("tagKeys"));
          break;
        case "GET _local/status":
          result = { status: 200, body: status() };
          break;
        case "GET _local/code/{}": {
          const fn = await store.find(n2.replace(/\.zip$/, ""));
          res.writeHead(200, { "Content-Type": "application/zip", "Content-Length": fn.code.zip.length });
          res.end(fn.code.zip);
          return;
        }
        default:
          break;
      }
    }
    if (!result) throw unknownOperation(method, url.pathname);
    send(res, result);
  }
  function status() {
    return {
      endpoint,
      cpuLimit: cgroups.mode,
      ...cgroups.reason === void 0 ? {} : { cpuLimitReason: cgroups.reason },
      runtimeClient: client.name,
      ...client.reason === void 0 ? {} : { runtimeClientReason: client.reason },
      nodeVersion: process.version,
      functions: store.size,
      environments: pool.status()
    };
  }
  const onProcessExit = () => pool.killAllNow();
  process.once("exit", onProcessExit);
  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
  } catch (error) {
    process.removeListener("exit", onProcessExit);
    cgroups.removeRoot();
    if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  const { port } = server.address();
  endpoint = `http://127.0.0.1:${port}`;
  let closing;
  return {
    endpoint,
    port,
    status,
    close() {
      closing ??= (async () => {
        closed = true;
        server.close();
        server.closeAllConnections();
        await pool.close();
        cgroups.removeRoot();
        if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
        process.removeListener("exit", onProcessExit);
      })();
      return closing;
    }
  };
}
function readBody2(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let truncated = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) truncated = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve({ body: Buffer.concat(chunks), truncated }));
    req.on("error", reject);
  });
}
function send(res, result) {
  const body = result.body === void 0 ? "" : JSON.stringify(result.body);
  res.writeHead(result.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "x-amzn-RequestId": crypto.randomUUID()
  });
  res.end(body);
}
function sendError(res, error, notice) {
  const apiError = error instanceof LambdaApiError ? error : serviceError(error.message);
  if (!(error instanceof LambdaApiError)) notice(`local Lambda: internal error: ${error.stack ?? String(error)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = apiError.body();
  res.writeHead(apiError.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "x-amzn-ErrorType": apiError.type,
    "x-amzn-RequestId": crypto.randomUUID(),
    ...apiError.headers
  });
  res.end(body);
}
async function chooseRuntimeClient(setting) {
  if (setting === "fallback") return { name: "fallback" };
  let addon;
  try {
    addon = join3(dirname3(createRequire(join3(RUNTIME_DIR, "bootstrap.mjs")).resolve("aws-lambda-ric")), "rapid-client.node");
  } catch {
    return fail("aws-lambda-ric is not installed");
  }
  const probe2 = spawn2(process.execPath, ["-e", `require(${JSON.stringify(addon)})`], {
    env: { AWS_LAMBDA_RUNTIME_API: "127.0.0.1:9" },
    stdio: ["ignore", "ignore", "pipe"]
  });
  let stderr = "";
  probe2.stderr.setEncoding("utf8").on("data", (text) => stderr += text);
  const code = await new Promise((resolve) => {
    probe2.on("error", () => resolve(-1));
    probe2.on("exit", (exitCode) => resolve(exitCode));
  });
  if (code === 0) return { name: "aws-lambda-ric" };
  const firstError = stderr.split("\n").find((line) => /Error/.test(line)) ?? `exit code ${code}`;
  return fail(`aws-lambda-ric's native addon did not load (${firstError.trim()})`);
  function fail(reason) {
    if (setting === "aws-lambda-ric") throw new Error(`runtime client aws-lambda-ric requested but unusable: ${reason}`);
    return { name: "fallback", reason };
  }
}

// lambda/local/overhead.ts
var { values } = parseArgs({
  options: {
    n: { type: "string", default: "1000" },
    warmup: { type: "string", default: "500" },
    memory: { type: "string", default: "1769" },
    "runtime-client": { type: "string", default: "auto" },
    "no-freeze": { type: "boolean", default: false },
    endpoint: { type: "string" }
  }
});
var n = Number(values.n);
var warmup = Number(values.warmup);
var memory = Number(values.memory);
var runtimeClient = values["runtime-client"] === "fallback" ? "fallback" : "auto";
async function main() {
  const embedded = values.endpoint === void 0 ? await startLocalLambda({ runtimeClient, freezeIdle: !values["no-freeze"] }) : void 0;
  const endpoint = urlEndpoint(embedded ? "embedded" : "endpoint", values.endpoint ?? embedded?.endpoint ?? "");
  const control = lambdaClient(endpoint, { timed: false });
  const timed = lambdaClient(endpoint, { timed: true });
  const functionName = `overhead-noop-${process.pid}`;
  try {
    const zip = zipSync({ "index.mjs": strToU8("export const handler = async () => null;\n") });
    await control.send(new CreateFunctionCommand({
      FunctionName: functionName,
      Role: "arn:aws:iam::000000000000:role/overhead",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zip },
      MemorySize: memory
    }));
    await waitUntilFunctionActiveV2({ client: control, maxWaitTime: 30 }, { FunctionName: functionName });
    const sdk = async () => {
      const start = performance.now();
      const out = await timed.send(new InvokeCommand({ FunctionName: functionName, LogType: "Tail" }));
      const wall = performance.now() - start;
      return { wall, duration: durationOf(Buffer.from(out.LogResult ?? "", "base64").toString("utf8")) };
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const raw = () => new Promise((resolve, reject) => {
      const start = performance.now();
      const url = `${endpoint.url}/2015-03-31/functions/${functionName}/invocations`;
      const req = request(url, { method: "POST", agent, headers: { "X-Amz-Log-Type": "Tail" } }, (res) => {
        res.resume();
        res.on("end", () => {
          const wall = performance.now() - start;
          resolve({ wall, duration: durationOf(Buffer.from(String(res.headers["x-amz-log-result"] ?? ""), "base64").toString("utf8")) });
        });
      });
      req.on("error", reject);
      req.end("{}");
    });
    for (let i = 0; i < warmup; i++) {
      await sdk();
      await raw();
    }
    const series = { sdk: new Series(), raw: new Series() };
    for (let i = 0; i < n; i++) {
      await series.sdk.time(sdk);
      await series.raw.time(raw);
    }
    const status = embedded?.status() ?? await (await fetch(`${endpoint.url}/_local/status`)).json();
    const where = embedded ? "server in this process" : `server at ${endpoint.url}`;
    console.log(`local Lambda overhead (${where}): noop handler, ${memory} MB, ${n} warm invocations each, runtime client ${status.runtimeClient}, cpuLimit ${status.cpuLimit}, freeze ${!values["no-freeze"]}`);
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} on ${availableParallelism()} CPUs`);
    console.log("client                 | overhead ms: p10    median    p90   mean | REPORT Duration median | wall median | this process CPU ms/call");
    for (const [name, s] of [["@aws-sdk/client-lambda", series.sdk], ["raw HTTP (no SDK)", series.raw]]) {
      const o = summarise(s.overhead);
      console.log(
        `${name.padEnd(22)} |           ${fmt(o.p10)} ${fmt(o.median)} ${fmt(o.p90)} ${fmt(o.mean)} | ${fmt(summarise(s.duration).median)}                 | ${fmt(summarise(s.wall).median)}      | ${fmt(s.cpuMs / n)}`
      );
    }
    await control.send(new DeleteFunctionCommand({ FunctionName: functionName }));
  } finally {
    control.destroy();
    timed.destroy();
    await embedded?.close();
  }
}
var Series = class {
  wall = [];
  duration = [];
  overhead = [];
  cpuMs = 0;
  async time(call) {
    const cpu0 = process.cpuUsage();
    const { wall, duration } = await call();
    const cpu = process.cpuUsage(cpu0);
    this.cpuMs += (cpu.user + cpu.system) / 1e3;
    this.wall.push(wall);
    this.duration.push(duration);
    this.overhead.push(wall - duration);
  }
};
function summarise(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p10: at(0.1), median: at(0.5), p90: at(0.9), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
function durationOf(log) {
  const line = log.split("\n").find((l) => l.startsWith("REPORT "));
  const field = line?.split("	").find((f) => f.startsWith("Duration: "));
  if (!field) throw new Error(`no REPORT Duration in log: ${log}`);
  return Number.parseFloat(field.slice("Duration: ".length));
}
function fmt(x) {
  return x.toFixed(3).padStart(6);
}
await main();
