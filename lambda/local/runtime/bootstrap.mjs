// Entry point of an execution environment: what /var/runtime/index.mjs is on
// AWS Lambda. It starts the Runtime API client named by the server (argv[2]):
// the official aws-lambda-ric, exactly as Lambda's Node runtime starts it
// (run(LAMBDA_TASK_ROOT, _HANDLER)), or the project's fallback client when the
// ric's native addon cannot be loaded on this machine.
//
// Plain .mjs on purpose: execution environments are measured processes and run
// under plain `node`, with no TypeScript loader.

const client = process.argv[2];
const appRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const handler = process.env._HANDLER ?? '';

if (client === 'aws-lambda-ric') {
  const { run } = await import('aws-lambda-ric');
  await run(appRoot, handler);
} else {
  const { run } = await import('./fallback-client.mjs');
  await run(appRoot, handler);
}
