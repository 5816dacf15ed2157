/**
 * Where `decant <file|dir> --out DIR` writes, checked before anything is written: an output must never
 * replace an input (`decant pages --format html --out pages` used to overwrite every saved page with
 * its cleaned copy).
 */
import fs from 'node:fs';

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
