/**
 * Closers for long-lived connections (Prisma, Redis, bull queues). server.ts and
 * jobs/worker.ts call runShutdown() on SIGTERM/SIGINT. The registry lives on
 * globalThis because server.ts and the Remix build are separate module graphs.
 */
type Closer = () => Promise<unknown> | unknown;
const KEY = Symbol.for("haidang.shutdown");
const registry = globalThis as unknown as Record<symbol, Map<string, Closer> | undefined>;

function closers(): Map<string, Closer> {
  return (registry[KEY] ??= new Map());
}

export function onShutdown(name: string, close: Closer) {
  closers().set(name, close);
}

export async function runShutdown() {
  const all = [...closers().entries()];
  closers().clear();
  await Promise.allSettled(
    all.map(async ([name, close]) => {
      try {
        await close();
      } catch (error) {
        console.error(`shutdown: closing ${name} failed`, error);
      }
    }),
  );
}
