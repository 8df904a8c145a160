-- Every change of the price alerts, by any process, is announced on the channel qleap_alerts with the table's schema
-- (once per statement, delivered on commit), so each gateway of a split deployment watches at once an alert made or
-- changed through another.
CREATE FUNCTION notify_price_alert_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('qleap_alerts', TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER price_alerts_changed AFTER INSERT OR UPDATE OR DELETE ON price_alerts
    FOR EACH STATEMENT EXECUTE FUNCTION notify_price_alert_changes();
