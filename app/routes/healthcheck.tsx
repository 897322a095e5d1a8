import { checkHealth } from "~/models/health.server";

/** 200 when PostgreSQL and Redis both answer, 503 otherwise (for load balancers and monitors). */
export async function loader() {
  const health = await checkHealth();
  return Response.json(
    { status: health.ok ? "ok" : "unavailable", postgres: health.postgres, redis: health.redis },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
