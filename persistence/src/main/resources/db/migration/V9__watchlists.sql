-- Each user's watchlists, kept on the server so they follow the user to any browser. A row in watchlists means the
-- user has saved them (an empty list included) and which list is open; a user without one is shown the gateway's
-- default list. version goes one up with every save, so a window saving lists it read before another window's save
-- is told instead of overwriting them. Lists are numbered in the user's order and named. Each item keeps the
-- instrument's names and trading units as they were when it was added, so a list reads back while the instrument
-- master is not loaded (before the broker is connected) and keeps an instrument the master has dropped (an expired
-- contract) until it is taken out.
CREATE TABLE watchlists
(
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    active     smallint    NOT NULL,
    version    bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE watchlist_lists
(
    user_id  uuid     NOT NULL REFERENCES watchlists (user_id) ON DELETE CASCADE,
    list_no  smallint NOT NULL,
    name     text     NOT NULL,
    selected bigint,
    PRIMARY KEY (user_id, list_no)
);

CREATE TABLE watchlist_items
(
    user_id          uuid     NOT NULL,
    list_no          smallint NOT NULL,
    position         integer  NOT NULL,
    instrument_token bigint   NOT NULL,
    exchange         text     NOT NULL,
    tradingsymbol    text     NOT NULL,
    segment          text     NOT NULL,
    tick_size        numeric  NOT NULL,
    lot_size         integer  NOT NULL,
    mode             text     NOT NULL CHECK (mode IN ('ltp', 'quote', 'full')),
    PRIMARY KEY (user_id, list_no, instrument_token),
    UNIQUE (user_id, list_no, position),
    FOREIGN KEY (user_id, list_no) REFERENCES watchlist_lists (user_id, list_no) ON DELETE CASCADE
);
