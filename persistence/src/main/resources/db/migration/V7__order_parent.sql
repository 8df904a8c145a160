-- The order a leg belongs to (a cover order's stop-loss leg names its entry), as Kite's parent_order_id; the engine's
-- OrderEvent carries it from schema version 4.
ALTER TABLE orders ADD COLUMN parent_order_id text;
