/**
 * Where `decant <file|dir> --out DIR` writes, checked before anything is written: an output must never
 * replace an input (`decant pages --format html --out pages` used to overwrite every saved page with
 * its cleaned copy).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Device and inode: the same for every path to one file (a symbolic or hard link, another spelling). */
const idOf = (s: fs.Stats): string => `${s.dev}:${s.ino}`;

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null; // ENOTDIR, ELOOP, EACCES…: nothing we can compare
  }
}

/** The input files of a run, by identity. */
export class InputFiles {
  private readonly byId = new Map<string, string>();

  /** Note an input; `stat` when it is known already (standard input's). Missing files are passed over. */
  add(file: string, stat: fs.Stats | null = statOrNull(file)): void {
    if (stat?.isFile()) this.byId.set(idOf(stat), file);
  }

  /** Why writing `output` for the page `own` would destroy an input (a sentence), or null when it would not. */
  overwrites(output: string, own: string): string | null {
    const stat = statOrNull(output);
    const input = stat ? this.byId.get(idOf(stat)) : undefined;
    if (input === undefined) return null;
    return `refused: its output ${output} is ${input === own ? 'this input file' : `the input file ${input}`}; nothing was written (give another --out)`;
  }
}

/**
 * Each input whose output file another input would write too → those other inputs (`a.html` and `a.htm`
 * both make `a.md`). Names are compared without case: on a case-insensitive file system (macOS,
 * Windows, a FAT stick) `B.md` and `b.md` are one file, and the second page would replace the first.
 */
export function findClashes(outputs: ReadonlyMap<string, string>): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const [input, output] of outputs) {
    const key = output.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), input]);
  }
  const clashes = new Map<string, string[]>();
  for (const inputs of byName.values()) {
    if (inputs.length > 1) for (const input of inputs) clashes.set(input, inputs.filter((other) => other !== input));
  }
  return clashes;
}

/**
 * Make the --out directory and any missing parents. Null when it is ready, else what is wrong, naming
 * the path at fault. Not `mkdirSync(dir, { recursive: true })`: where mkdir fails with ENOENT under a
 * directory that exists (`--out /proc/nope`), Node's recursive mkdir retries forever at full CPU.
 */
export function makeOutDir(dir: string): string | null {
  const stat = statOrNull(dir);
  if (stat) return stat.isDirectory() ? null : `${dir} is ${stat.isFile() ? 'a file' : 'something else'}, not a directory`;
  const parent = path.dirname(dir);
  const problem = parent === dir ? null : makeOutDir(parent);
  if (problem) return problem;
  try {
    fs.mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statOrNull(dir)?.isDirectory()) return null;
    return `${dir} could not be created (${(e as Error).message})`;
  }
  return null;
}
