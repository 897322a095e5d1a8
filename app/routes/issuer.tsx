import { publishedIssuerProfile } from "~/models/credentials.server";

/** The issuer profile (Open Badges Profile + controller document with the public key). Public. */
export async function loader() {
  return Response.json(await publishedIssuerProfile(), {
    headers: { "Content-Type": "application/ld+json", "Cache-Control": "public, max-age=300" },
  });
}
