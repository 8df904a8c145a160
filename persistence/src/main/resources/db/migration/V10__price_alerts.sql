-- Users' price alerts: an instrument's last price reaching a level. The gateway keeps the active ones in memory,
-- checks every tick of their instruments against them and marks one triggered here, once, when its price is reached.

CREATE TABLE price_alerts
(
    id              bigserial PRIMARY KEY,
    user_id         uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    instrument_token bigint       NOT NULL,
    exchange        text          NOT NULL,
    tradingsymbol   text          NOT NULL,
    direction       text          NOT NULL CHECK (direction IN ('above', 'below')),
    price           numeric(20, 4) NOT NULL CHECK (price > 0),
    note            text          NOT NULL DEFAULT '',
    status          text          NOT NULL CHECK (status IN ('active', 'triggered')),
    created_at      timestamptz   NOT NULL,
    triggered_at    timestamptz,
    triggered_price numeric(20, 4),
    CHECK ((status = 'triggered') = (triggered_at IS NOT NULL))
);

CREATE INDEX price_alerts_active ON price_alerts (instrument_token) WHERE status = 'active';
CREATE INDEX price_alerts_by_user ON price_alerts (user_id, id DESC);
