-- Each user's watchlist, kept on the server so it follows the user to any browser. A row in watchlists means the user
-- has saved one (an empty list included); a user without one is shown the gateway's default list. Each item keeps the
-- instrument's names and trading units as they were when it was added, so the list reads back while the instrument
-- master is not loaded (before the broker is connected).
CREATE TABLE watchlists
(
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    selected   bigint,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE watchlist_items
(
    user_id          uuid    NOT NULL REFERENCES watchlists (user_id) ON DELETE CASCADE,
    position         integer NOT NULL,
    instrument_token bigint  NOT NULL,
    exchange         text    NOT NULL,
    tradingsymbol    text    NOT NULL,
    segment          text    NOT NULL,
    tick_size        numeric NOT NULL,
    lot_size         integer NOT NULL,
    mode             text    NOT NULL CHECK (mode IN ('ltp', 'quote', 'full')),
    PRIMARY KEY (user_id, instrument_token),
    UNIQUE (user_id, position)
);
