-- Sessions are stored by the SHA-256 of their id (hex), never the id itself
-- (docs/decisions/013-login-throttling.md). Hash the rows already there so the cookies
-- people hold today keep working: app/utils/auth.server.ts hashes the cookie's id the same way.
UPDATE "Session" SET "id" = encode(sha256(convert_to("id", 'UTF8')), 'hex');
