-- QuantumLeap schema. Money and prices are bigint in the instrument's integer unit, as the engine keeps them
-- (paise for NSE/BSE/NFO/BFO/MCX, 1e-7 rupee for CDS, 1e-4 rupee for BCD): exact, and binary COPY writes them
-- as they are. The gateway divides by the instrument's price_divisor to answer in rupees like Kite.
-- Our own ids are UUIDs; Kite's ids (order_id, trade_id, user_id) are kept as the strings Kite sends.

CREATE TABLE roles
(
    name        text PRIMARY KEY,
    description text NOT NULL
);

INSERT INTO roles (name, description)
VALUES ('trader', 'Trades through the dashboard'),
       ('quant', 'Replays and exports the journal'),
       ('ops', 'Reads metrics, health and the audit trail'),
       ('admin', 'Manages users, accounts, limits and the kill switch');

CREATE TABLE users
(
    id            uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    username      text        NOT NULL UNIQUE,
    email         text,
    display_name  text,
    password_hash text        NOT NULL,
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles
(
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    text NOT NULL REFERENCES roles (name),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_sessions
(
    id           uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    ip_address   inet,
    user_agent   text
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id, expires_at);

CREATE TABLE system_config
(
    key        text PRIMARY KEY,
    value      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id)
);

-- One broker (Kite) login; engine_account_id is the engine's long accountId.
CREATE TABLE accounts
(
    id                uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    engine_account_id bigint      NOT NULL UNIQUE,
    user_id           uuid REFERENCES users (id),
    broker            text        NOT NULL DEFAULT 'kite',
    broker_user_id    text,
    name              text,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_user_idx ON accounts (user_id);

-- Secrets are envelopes from SecretCipher: version, key id, 12-byte nonce, AES-256-GCM ciphertext and tag.
CREATE TABLE broker_configs
(
    id                uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    account_id        uuid        NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    api_key           text        NOT NULL,
    api_secret        bytea       NOT NULL,
    secret_key_id     text        NOT NULL,
    redirect_url      text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oauth_tokens
(
    id            uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    account_id    uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    access_token  bytea       NOT NULL,
    refresh_token bytea,
    secret_key_id text        NOT NULL,
    broker_user_id text,
    meta          jsonb,
    issued_at     timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX oauth_tokens_account_idx ON oauth_tokens (account_id, issued_at DESC);

CREATE TABLE oauth_audit_log
(
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  uuid REFERENCES accounts (id),
    user_id     uuid REFERENCES users (id),
    event       text        NOT NULL,
    detail      jsonb,
    ip_address  inet,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oauth_audit_log_account_idx ON oauth_audit_log (account_id, occurred_at);

-- Events from the API (journal_index null) and from the engine's out journal (journal_index set, unique).
CREATE TABLE audit_log
(
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journal_index     bigint UNIQUE,
    user_id           uuid REFERENCES users (id),
    account_id        uuid REFERENCES accounts (id),
    engine_account_id bigint,
    event_type        text        NOT NULL,
    detail            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at       timestamptz NOT NULL
);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, occurred_at);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, occurred_at);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);

CREATE TABLE portfolios
(
    id         uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    account_id uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, name)
);

CREATE TABLE instruments
(
    instrument_token bigint PRIMARY KEY,
    exchange_token   bigint,
    tradingsymbol    text        NOT NULL,
    name             text,
    exchange         text        NOT NULL,
    segment          text        NOT NULL,
    instrument_type  text        NOT NULL,
    tick_size        bigint      NOT NULL,
    lot_size         integer     NOT NULL,
    freeze_qty       bigint,
    expiry           date,
    strike           bigint,
    price_divisor    integer     NOT NULL DEFAULT 100,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instruments_symbol_idx ON instruments (exchange, tradingsymbol);

CREATE TABLE holdings
(
    account_id          uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    portfolio_id        uuid REFERENCES portfolios (id),
    instrument_token    bigint      NOT NULL,
    tradingsymbol       text        NOT NULL,
    exchange            text        NOT NULL,
    isin                text,
    product             text        NOT NULL DEFAULT 'CNC',
    quantity            bigint      NOT NULL,
    t1_quantity         bigint      NOT NULL DEFAULT 0,
    collateral_quantity bigint      NOT NULL DEFAULT 0,
    average_price       bigint      NOT NULL,
    last_price          bigint,
    close_price         bigint,
    as_of               date        NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, instrument_token, as_of)
);

-- Current state of each order; order_history keeps every state it went through.
-- order_key: 'c:<clientOrderId>' for orders placed through the engine, 'b:<broker order_id>' for others.
CREATE TABLE orders
(
    id                  uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    account_id          uuid        NOT NULL REFERENCES accounts (id),
    engine_account_id   bigint      NOT NULL,
    order_key           text        NOT NULL,
    client_order_id     bigint,
    broker_order_id     text,
    status              text        NOT NULL,
    instrument_token    bigint      NOT NULL,
    side                text        NOT NULL,
    order_type          text        NOT NULL,
    product             text        NOT NULL,
    validity            text        NOT NULL,
    variety             text        NOT NULL,
    quantity            bigint      NOT NULL,
    filled_quantity     bigint      NOT NULL,
    pending_quantity    bigint      NOT NULL,
    cancelled_quantity  bigint      NOT NULL,
    price               bigint      NOT NULL,
    trigger_price       bigint      NOT NULL,
    average_price       bigint      NOT NULL,
    modify_count        integer     NOT NULL,
    tag                 text,
    tags                jsonb,
    meta                jsonb,
    exchange_time       timestamptz,
    placed_at           timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    trading_day         date        NOT NULL,
    last_journal_index  bigint      NOT NULL,
    UNIQUE (engine_account_id, order_key)
);
CREATE INDEX orders_account_day_idx ON orders (account_id, trading_day, placed_at);
CREATE INDEX orders_broker_id_idx ON orders (broker_order_id);

CREATE TABLE order_history
(
    journal_index      bigint PRIMARY KEY,
    order_id           uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status             text        NOT NULL,
    filled_quantity    bigint      NOT NULL,
    pending_quantity   bigint      NOT NULL,
    cancelled_quantity bigint      NOT NULL,
    quantity           bigint      NOT NULL,
    price              bigint      NOT NULL,
    trigger_price      bigint      NOT NULL,
    average_price      bigint      NOT NULL,
    broker_order_id    text,
    exchange_time      timestamptz,
    recorded_at        timestamptz NOT NULL
);
CREATE INDEX order_history_order_idx ON order_history (order_id, journal_index);

CREATE TABLE trades
(
    id                uuid PRIMARY KEY     DEFAULT gen_random_uuid(),
    account_id        uuid        NOT NULL REFERENCES accounts (id),
    engine_account_id bigint      NOT NULL,
    trade_id          text        NOT NULL,
    broker_order_id   text        NOT NULL,
    client_order_id   bigint,
    instrument_token  bigint      NOT NULL,
    side              text        NOT NULL,
    product           text        NOT NULL,
    quantity          bigint      NOT NULL,
    price             bigint      NOT NULL,
    exchange_time     timestamptz,
    filled_at         timestamptz NOT NULL,
    trading_day       date        NOT NULL,
    journal_index     bigint      NOT NULL UNIQUE,
    UNIQUE (engine_account_id, trade_id)
);
CREATE INDEX trades_account_day_idx ON trades (account_id, trading_day, filled_at);

-- Every position change the engine emitted (a snapshot each time); the latest per key is the position.
CREATE TABLE positions
(
    journal_index     bigint PRIMARY KEY,
    account_id        uuid        NOT NULL REFERENCES accounts (id),
    engine_account_id bigint      NOT NULL,
    instrument_token  bigint      NOT NULL,
    product           text        NOT NULL,
    quantity          bigint      NOT NULL,
    overnight_quantity bigint     NOT NULL,
    multiplier        integer     NOT NULL,
    buy_quantity      bigint      NOT NULL,
    buy_value         bigint      NOT NULL,
    sell_quantity     bigint      NOT NULL,
    sell_value        bigint      NOT NULL,
    day_buy_quantity  bigint      NOT NULL,
    day_buy_value     bigint      NOT NULL,
    day_sell_quantity bigint      NOT NULL,
    day_sell_value    bigint      NOT NULL,
    average_price     bigint      NOT NULL,
    last_price        bigint      NOT NULL,
    close_price       bigint      NOT NULL,
    value             bigint      NOT NULL,
    pnl               bigint      NOT NULL,
    m2m               bigint      NOT NULL,
    realised          bigint      NOT NULL,
    unrealised        bigint      NOT NULL,
    snapshot_at       timestamptz NOT NULL,
    trading_day       date        NOT NULL
);
CREATE INDEX positions_account_day_idx
    ON positions (account_id, trading_day, instrument_token, product, journal_index DESC);

-- Ticks, partitioned by IST trading day (partitions are created on demand by the persister).
-- Depth is not kept: the best bid and ask are.
CREATE TABLE market_data
(
    journal_index       bigint      NOT NULL,
    received_at         timestamptz NOT NULL,
    instrument_token    bigint      NOT NULL,
    mode                smallint    NOT NULL,
    last_price          bigint      NOT NULL,
    last_traded_qty     bigint      NOT NULL,
    average_price       bigint      NOT NULL,
    volume              bigint      NOT NULL,
    total_buy_qty       bigint      NOT NULL,
    total_sell_qty      bigint      NOT NULL,
    open                bigint      NOT NULL,
    high                bigint      NOT NULL,
    low                 bigint      NOT NULL,
    close               bigint      NOT NULL,
    oi                  bigint      NOT NULL,
    exchange_time       timestamptz,
    last_trade_time     timestamptz,
    bid_price           bigint,
    bid_qty             bigint,
    ask_price           bigint,
    ask_qty             bigint
) PARTITION BY RANGE (received_at);
CREATE INDEX market_data_instrument_time_idx ON market_data (instrument_token, received_at);

-- One-minute bars (volume_* are the day's cumulative volume at the bar's first and last tick), written instead of (or besides) ticks when the tick policy says so.
CREATE TABLE market_bars
(
    instrument_token bigint      NOT NULL,
    bucket_start     timestamptz NOT NULL,
    open             bigint      NOT NULL,
    high             bigint      NOT NULL,
    low              bigint      NOT NULL,
    close            bigint      NOT NULL,
    volume_first     bigint      NOT NULL,
    volume_last      bigint      NOT NULL,
    tick_count       bigint      NOT NULL,
    first_index      bigint      NOT NULL,
    last_index       bigint      NOT NULL,
    PRIMARY KEY (instrument_token, bucket_start)
);

-- Last journal index applied per queue, written in the same transaction as the rows it covers.
CREATE TABLE journal_checkpoints
(
    queue      text PRIMARY KEY,
    last_index bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
