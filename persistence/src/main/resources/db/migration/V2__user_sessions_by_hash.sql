-- Gateway login sessions outlive a restart. A row keeps the SHA-256 of the session id the JWT carries (never the
-- id itself, so a copy of the database yields no live session), its user and its expiry; logout sets revoked_at.
-- Rows are deleted once they expire (the expiry index serves that sweep). The columns V1 reserved for the
-- client's address and user agent were never written and are dropped: the audit log records logins.
ALTER TABLE user_sessions RENAME COLUMN token_hash TO session_hash;
ALTER TABLE user_sessions DROP COLUMN ip_address;
ALTER TABLE user_sessions DROP COLUMN user_agent;
ALTER TABLE user_sessions ADD CONSTRAINT user_sessions_hash_is_sha256 CHECK (octet_length(session_hash) = 32);
CREATE INDEX user_sessions_expiry_idx ON user_sessions (expires_at);
