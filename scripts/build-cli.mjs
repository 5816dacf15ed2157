// Bundles the command-line tool: dist/cli/decant.mjs and the batch worker dist/cli/batch-worker.mjs
// (worker threads load it by URL next to decant.mjs). Used by build.mjs, and by the batch tests, which
// build their own copy so that they never run a stale dist/.
import * as esbuild from 'esbuild';
import path from 'node:path';

export async function buildCli({ root, outdir = 'dist/cli' }) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { decant: path.join(root, 'src/cli/index.ts'), 'batch-worker': path.join(root, 'src/cli/batch-worker.ts') },
    outdir: path.resolve(root, outdir),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
