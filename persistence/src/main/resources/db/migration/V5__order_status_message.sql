-- Kite's status_message of an order (a rejection's reason, or the broker's refusal of the last modify or cancel), as
-- the engine's OrderEvent carries it from schema version 3.
ALTER TABLE orders ADD COLUMN status_message text;
