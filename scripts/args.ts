// Command-line arguments for the scripts: `--room <id>` where the id may begin with "-" (room ids are
// base64url), which node:util parseArgs would otherwise refuse as ambiguous.
export function withValues(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (names.includes(a) && i + 1 < argv.length) out.push(`${a}=${argv[++i]}`);
    else out.push(a);
  }
  return out;
}
