-- Users' baskets: named lists of orders a trader prepares, prices together with the broker's basket margin calculator
-- (hedged legs need less than their sum) and places in one go. Items are numbered in the user's order. Each keeps the
-- instrument's names as they were when it was added, so a basket reads back while the instrument master is not
-- loaded and keeps an expired contract until it is taken out; placing checks the instrument again.
CREATE TABLE baskets
(
    id         bigserial PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX baskets_name_per_user ON baskets (user_id, lower(name));

CREATE TABLE basket_items
(
    basket_id        bigint         NOT NULL REFERENCES baskets (id) ON DELETE CASCADE,
    position         integer        NOT NULL,
    instrument_token bigint         NOT NULL,
    exchange         text           NOT NULL,
    tradingsymbol    text           NOT NULL,
    transaction_type text           NOT NULL CHECK (transaction_type IN ('BUY', 'SELL')),
    order_type       text           NOT NULL CHECK (order_type IN ('MARKET', 'LIMIT', 'SL', 'SL-M')),
    product          text           NOT NULL,
    variety          text           NOT NULL CHECK (variety IN ('regular', 'amo')),
    validity         text           NOT NULL CHECK (validity IN ('DAY', 'IOC')),
    quantity         bigint         NOT NULL CHECK (quantity > 0),
    price            numeric(20, 4),
    trigger_price    numeric(20, 4),
    -- MARKET and SL-M orders: the percentage from the last price the fill may go, or -1 for the broker's automatic
    market_protection integer CHECK (market_protection = -1 OR market_protection BETWEEN 1 AND 100),
    PRIMARY KEY (basket_id, position)
);
