export function buildCli(options: { root: string; outdir?: string }): Promise<void>;
