-- A trading account can be used by several users (a desk sharing one Kite account): who may use it is this table.
-- accounts.user_id stays the account's owner (the first user given it, or the one who connected it to the broker), the
-- user the engine's events of the account are recorded under in the audit trail. Before, giving an account to a second
-- user took it from the first without a word.
CREATE TABLE account_users
(
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX account_users_user_idx ON account_users (user_id);
INSERT INTO account_users (account_id, user_id) SELECT id, user_id FROM accounts WHERE user_id IS NOT NULL;
