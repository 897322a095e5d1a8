/** One instance per process, surviving module re-evaluation in development. */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __haidangSingletons?: Map<string, unknown> };
  store.__haidangSingletons ??= new Map();
  if (!store.__haidangSingletons.has(name)) store.__haidangSingletons.set(name, create());
  return store.__haidangSingletons.get(name) as T;
}
