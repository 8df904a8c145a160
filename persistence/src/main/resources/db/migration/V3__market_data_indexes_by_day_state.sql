-- The (instrument_token, received_at) B-tree no longer sits on market_data itself, where every partition had to
-- maintain it row by row while ticks stream in (about 40% of the COPY's cost). Each day partition gets a BRIN index
-- (time range and a bloom filter of instrument tokens per 4 pages) when it is created, and the B-tree when its day
-- is over, built by the persister in one sorted pass (see MarketDataPartitions). Partitions that exist now are
-- given both here.
DROP INDEX market_data_instrument_time_idx;

DO $$
DECLARE
    part text;
BEGIN
    FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'market_data'::regclass
    LOOP
        EXECUTE format('CREATE INDEX %I ON %I (instrument_token, received_at)', part || '_instrument_time_idx', part);
        EXECUTE format('CREATE INDEX %I ON %I USING brin (received_at, '
                           'instrument_token int8_bloom_ops (n_distinct_per_range = 200)) WITH (pages_per_range = 4)',
                       part || '_brin', part);
    END LOOP;
END
$$;
