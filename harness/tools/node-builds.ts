/**
 * `npm run node-builds`: installs the pinned Node builds
 * (harness/node-builds, see builds.ts for why they are not root
 * dependencies) and prints every Node a run can measure on, with its V8.
 * Exit 1 when npm ci failed; a platform npm skips them on is not a failure
 * (the builds are optional), it is printed.
 */
import { exitOnError } from '../options/errors.js';
import { discoverNodeBuilds, machineDeps, pinnedBuilds } from '../node-builds/builds.js';
import { installNodeBuilds } from '../node-builds/install.js';

function main(): number {
  const outcome = installNodeBuilds((line) => console.log(line));
  const deps = machineDeps();
  const majors = [...new Set([deps.host.major, ...pinnedBuilds().map((p) => p.major)])];
  const { builds, missing } = discoverNodeBuilds(majors, deps);
  for (const build of builds) console.log(`  Node ${build.major}: ${build.version}, V8 ${build.v8} (${build.source === 'host' ? 'the host' : build.path})`);
  for (const gap of missing) console.log(`  Node ${gap.major}: ${gap.reason}`);
  return outcome.ok ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  exitOnError('node-builds')(error);
}
