-- A trade is stored once per TradeEvent of the out journal (journal_index, unique), as every other event. The
-- uniqueness of (engine_account_id, trade_id) across all days dropped a fill without a word whenever a trade id came
-- back: exchanges number trades per day, and a paper broker restarted the same day began its numbers again.
ALTER TABLE trades DROP CONSTRAINT trades_engine_account_id_trade_id_key;
CREATE INDEX trades_account_trade_idx ON trades (engine_account_id, trade_id);
