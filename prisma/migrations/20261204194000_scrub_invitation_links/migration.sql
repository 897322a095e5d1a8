-- Invitation links are now derived from the invitation id when the mail is written, and only
-- their hash is stored (docs/decisions/013-login-throttling.md). Mails already delivered (or
-- given up on) no longer need the link that earlier versions kept in clear: drop it. Mails still
-- PENDING keep theirs so they can still be sent.
UPDATE "Email" SET "data" = "data" - 'inviteUrl'
WHERE "template" = 'invitation' AND "status" <> 'PENDING' AND "data" ? 'inviteUrl';
