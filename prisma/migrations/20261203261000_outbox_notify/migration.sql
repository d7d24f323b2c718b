-- Wakes the outbox relays (LISTEN outbox_events, workers/outbox-listener.ts) when rows commit, instead of
-- at their next poll. NOTIFY is delivered at commit (never for a rolled-back insert) and once per
-- transaction however many statements fire it; one per statement, not per row.
CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_events', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify();
