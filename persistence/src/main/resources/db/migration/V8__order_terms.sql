-- The order's terms beside its price and quantity, as Kite's order shows them: disclosed_quantity, validity_ttl
-- (minutes), market_protection (percent, -1 the exchange's default), the iceberg's legs and quantity per leg, and the
-- auction_number of an auction order. The engine's OrderEvent carries them from schema version 7; orders persisted
-- from older events leave them null.
ALTER TABLE orders
    ADD COLUMN disclosed_quantity bigint,
    ADD COLUMN validity_ttl integer,
    ADD COLUMN market_protection integer,
    ADD COLUMN iceberg_legs integer,
    ADD COLUMN iceberg_quantity bigint,
    ADD COLUMN auction_number text;
