/**
 * `decant` — the same pipeline as the extension, over saved HTML files (CONTRACT §4).
 *
 *   decant <file|dir|-> [--url URL] [--format md|txt|json|html|csl|bib] [--out DIR]
 *   decant batch <dir|file.warc[.gz]|file.jsonl> --out FILE.jsonl [--workers N] [--shard k/n] [--resume]
 *
 * A file or `-` writes to stdout unless --out is given; a directory needs --out and converts every
 * *.html / *.htm in it, gzipped or not (not recursive). A page that fails is reported with its name
 * on stderr while the run goes on; the exit code is 1 when any page failed, 2 on a usage error. No
 * network access.
 */
import fs from 'node:fs';
import path from 'node:path';
import tty from 'node:tty';
import { InputError } from './decode';
import { findClashes, InputFiles, makeOutDir } from './out-files';
import { HTML_FILE, outputBaseOf } from './page-files';
import { progressBar } from './progress';
import { DECANT_VERSION } from '../export/record';
import { EXPORT_FORMATS as FORMATS, FORMAT_FILES, type ExportFormat as Format } from '../export/format-list';

/**
 * The pipeline and the renderers (jsdom, Readability, DOMPurify, Turndown, the citation code) load
 * when a page is converted here, not at start: `decant batch` converts in its workers only, and
 * `--help` or a usage error needs none of it.
 */
const loadConvert = async (): Promise<typeof import('./convert').convert> => (await import('./convert')).convert;

const USAGE = `Usage:
  decant <file|dir|-> [--url URL] [--format md|txt|json|html|csl|bib] [--out DIR]
  decant batch <dir|file.warc[.gz]|file.jsonl> --out FILE.jsonl [--workers N] [--shard k/n] [--resume]

Cleans saved article pages: the article alone, with a ledger of every nag removed.
  <file>     a saved page (*.html, *.htm, gzipped or not); written to standard output unless --out is given
  <dir>      every *.html / *.htm in it (not in its subdirectories), each to --out as <name>.<ext>
  -          the page from standard input
  --format   md (default; YAML front matter + Markdown), txt (body text), json (export record), html (standalone page),
             csl (citation as CSL-JSON), bib (citation as BibTeX)
  --url      the page's address (a single file or -), to resolve relative links and fill "url" (else its canonical
             URL is used for links)
  --out      output directory (required for a directory input; made if missing); files are named <name>.<ext>
  --         ends the options: what follows is a file name, even one starting with - (decant -- -page.html)
  -h, --help, -v, --version
Exit codes: 0 every page written, 1 a page failed (each is named on stderr) or the directory held none, 2 a usage error.
Corpora, WARC and JSONL files, workers, shards and --resume: decant batch --help`;

/** After a usage error: the two forms and where the rest is, so the error itself stays in view. */
const SHORT_USAGE = `${USAGE.split('\n').slice(0, 3).join('\n')}\nSee decant --help for the options and exit codes.`;

class UsageError extends Error {}

interface Args {
  positional: string[];
  url?: string;
  format: Format;
  out?: string;
  flags: Map<string, string | true>;
}

/** Names people type for a format: its other names, and any in another case. */
const FORMAT_NAMES: ReadonlyMap<string, Format> = new Map([['markdown', 'md'], ['text', 'txt'], ['plain', 'txt'], ['htm', 'html'], ['csl-json', 'csl'], ['csljson', 'csl'], ['bibtex', 'bib'], ['jsonl', 'json']]);

function formatHint(got: string): string {
  const lower = got.toLowerCase();
  const meant = FORMATS.find((f) => f === lower) ?? FORMAT_NAMES.get(lower);
  if (!meant) return '';
  return `; did you mean ${meant}?${lower === 'jsonl' ? ' decant batch writes JSONL' : ''}`;
}

export function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const valued = new Set(['--url', '--format', '--out', '--workers', '--shard']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    // `--` ends the options: what follows is a name, even `-weird-name.html` (POSIX Utility Syntax Guideline 10).
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) positional.push(a);
    else {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (valued.has(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        flags.set(name, v);
      } else if (['--resume', '-h', '--help', '-v', '--version'].includes(name)) flags.set(name, true);
      else throw new UsageError(`unknown option ${name}`);
    }
  }
  const format = (flags.get('--format') ?? 'md') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${String(format)}${formatHint(String(format))})`);
  const url = flags.get('--url') as string | undefined;
  if (url !== undefined) {
    try {
      const u = new URL(url);
      if (!/^https?:$/.test(u.protocol)) throw new Error();
    } catch {
      throw new UsageError(`--url must be an http(s) address (got ${url})`);
    }
  }
  return { positional, url, format, out: flags.get('--out') as string | undefined, flags };
}

/** One shared cell to sleep on (Atomics.wait): a synchronous pause without spinning. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Read a file descriptor to its end with `read` (fs.readSync on it). A non-blocking standard input
 * (set so by the shell or program that started Decant) answers EAGAIN until data comes: wait a little
 * (`pause`) before asking again, rather than spin a core at 100 % while a slow producer writes.
 */
export function readAll(read: (buf: Buffer) => number, pause: (ms: number) => void = (ms) => void Atomics.wait(PAUSE, 0, 0, ms)): Uint8Array {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n = 0;
    try {
      n = read(buf);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        pause(10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (!n) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const readStdin = (): Uint8Array => readAll((buf) => fs.readSync(0, buf, 0, buf.length, null));

function describe(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'it cannot be read (permission denied)';
  if (err?.code === 'ENOENT') return 'no such file';
  if (err?.code === 'EISDIR') return 'it is a directory';
  if (err?.code === 'ELOOP') return 'it is a symbolic link that loops';
  return `failed: ${err?.message ?? String(e)}`;
}

/** Standard input: whether it is a terminal, and all its bytes. */
export interface StdinSource {
  isTTY: boolean;
  read(): Uint8Array;
}

const STDIN: StdinSource = {
  get isTTY() {
    return tty.isatty(0);
  },
  read: readStdin,
};

/** What `decant -` says on a terminal, where a user might otherwise wait for output that never comes. */
export const STDIN_HINT = `decant: reading HTML from standard input; end with ${process.platform === 'win32' ? 'Ctrl-Z, Enter' : 'Ctrl-D'}\n`;

/** Run the CLI; returns the exit code. */
export async function main(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stdin?: StdinSource } = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args: Args;
  try {
    if (argv[0] === 'batch') {
      const { runBatch } = await import('./batch');
      return await runBatch(argv.slice(1), io, new URL('./batch-worker.mjs', import.meta.url));
    }
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`decant: ${e.message}\n${SHORT_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.flags.has('-h') || args.flags.has('--help')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.flags.has('-v') || args.flags.has('--version')) {
    io.stdout.write(`decant ${DECANT_VERSION}\n`);
    return 0;
  }
  if (args.positional.length !== 1) {
    io.stderr.write(`decant: give one file, directory or - (got ${args.positional.length})\n${SHORT_USAGE}\n`);
    return 2;
  }
  const target = args.positional[0];
  const isDir = target !== '-' && fs.existsSync(target) && fs.statSync(target).isDirectory();
  if (isDir) {
    if (!args.out) {
      io.stderr.write('decant: a directory needs --out DIR\n');
      return 2;
    }
    if (args.url) {
      // Every record would give it as its url, and resolve its links against it.
      io.stderr.write(`decant: --url is the address of one page; give it with a single file (or -), not with the directory ${target}\n${SHORT_USAGE}\n`);
      return 2;
    }
    return convertDirectory(target, args, io, await loadConvert());
  }
  const name = target === '-' ? '<stdin>' : target;
  try {
    let outFile: string | null = null;
    if (args.out) {
      if (!readyOutDir(args.out, io)) return 2;
      const base = target === '-' ? 'stdin' : outputBaseOf(target);
      outFile = path.join(args.out, `${base}.${FORMAT_FILES[args.format].ext}`);
      const inputs = new InputFiles();
      // Standard input redirected from a file (`decant - < page.html`) is an input file too.
      inputs.add(name, target === '-' ? fs.fstatSync(0) : undefined);
      const refusal = inputs.overwrites(outFile, name);
      if (refusal) throw new InputError(refusal);
    }
    const stdin = io.stdin ?? STDIN;
    if (target === '-' && stdin.isTTY) io.stderr.write(STDIN_HINT);
    const bytes = target === '-' ? stdin.read() : new Uint8Array(fs.readFileSync(target));
    const page = (await loadConvert())({ bytes, url: args.url });
    const output = page.render(args.format);
    page.close();
    if (outFile) {
      fs.writeFileSync(outFile, output);
    } else {
      // Piped output is the file's bytes exactly; a terminal gets the shell prompt on a line of its own.
      const tty = (io.stdout as NodeJS.WriteStream).isTTY === true;
      const failed = await writeOut(io.stdout, tty && !output.endsWith('\n') ? `${output}\n` : output);
      // A reader that stopped early (`decant page.html | head`) got what it wanted.
      if (failed && failed.code !== 'EPIPE') throw new InputError(`could not write to standard output (${failed.code === 'ENOSPC' ? 'no space left on device' : failed.message})`);
    }
    return 0;
  } catch (e) {
    io.stderr.write(`decant: ${name}: ${describe(e)}\n`);
    return 1;
  }
}

/**
 * Write to standard output and wait for it; the write's error, if any. A failed write (a full disk,
 * a reader that went away) is also emitted as an 'error' event, which would end the process with a
 * stack trace if nothing listened.
 */
function writeOut(out: NodeJS.WritableStream, text: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    out.on('error', (e: NodeJS.ErrnoException) => resolve(e));
    out.write(text, (e) => resolve((e as NodeJS.ErrnoException | null | undefined) ?? null));
  });
}

/** Make the --out directory; false, after saying why, when it cannot be one (a usage error: exit 2). */
function readyOutDir(out: string, io: { stderr: NodeJS.WritableStream }): boolean {
  const problem = makeOutDir(out);
  if (problem) io.stderr.write(`decant: --out ${out}: ${problem}\n`);
  return !problem;
}

/**
 * A directory entry's bytes. Only regular files (or links to them) are read: reading a FIFO named
 * `page.html` would block the run forever, and a device or socket is never a saved page.
 */
function readPageFile(file: string): Uint8Array {
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  if (!stat.isFile()) throw new InputError('it is not a regular file (a pipe, socket or device), so it was not read');
  return new Uint8Array(fs.readFileSync(file));
}

function convertDirectory(dir: string, args: Args, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream | NodeJS.WritableStream }, convert: Awaited<ReturnType<typeof loadConvert>>): number {
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.isDirectory() && HTML_FILE.test(d.name))
    .map((d) => d.name)
    .sort();
  if (!files.length) {
    io.stderr.write(`decant: ${dir}: no *.html or *.htm file in it (gzipped or not), so nothing was converted\n`);
    return 1;
  }
  if (!readyOutDir(args.out!, io)) return 2;
  const inputs = new InputFiles();
  const outputs = new Map<string, string>();
  for (const file of files) {
    inputs.add(path.join(dir, file));
    outputs.set(path.join(dir, file), path.join(args.out!, `${outputBaseOf(file)}.${FORMAT_FILES[args.format].ext}`));
  }
  const clashes = findClashes(outputs);
  const bar = progressBar(files.length, io.stderr as NodeJS.WriteStream);
  let failed = 0;
  for (const file of files) {
    const full = path.join(dir, file);
    try {
      const outFile = outputs.get(full)!;
      const others = clashes.get(full);
      if (others) throw new InputError(`refused: ${others.join(' and ')} would be written to the same file, ${outFile}; none of them was written (rename all but one)`);
      const refusal = inputs.overwrites(outFile, full);
      if (refusal) throw new InputError(refusal);
      const page = convert({ bytes: readPageFile(full), url: args.url });
      const output = page.render(args.format);
      page.close();
      fs.writeFileSync(outFile, output);
    } catch (e) {
      failed++;
      bar.done();
      io.stderr.write(`decant: ${full}: ${describe(e)}\n`);
    }
    bar.tick(file);
  }
  bar.done();
  if (failed) io.stderr.write(`decant: ${failed} of ${files.length} page(s) failed\n`);
  return failed ? 1 : 0;
}
