import { spawnSync } from "node:child_process";

/** Runs a command with inherited stdio and returns its exit status. */
export function run(
  command: string,
  args: string[],
  options: { capture?: boolean; env?: Record<string, string | undefined> } = {},
) {
  const result = spawnSync(command, args, {
    stdio: options.capture ? ["ignore", "pipe", "inherit"] : "inherit",
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? "" };
}
