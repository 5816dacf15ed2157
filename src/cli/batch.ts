/** `decant batch` — filled in by the research-export work (issue 6). */
export async function runBatch(_argv: string[], io: { stderr: NodeJS.WritableStream }): Promise<number> {
  io.stderr.write('decant batch: not available yet\n');
  return 2;
}
