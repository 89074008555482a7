-- A status history line's note is a message key and its arguments (HistoryNote), shown in the
-- reader's language; lines written before keep their Chinese text in note (read as history.text).
-- IF NOT EXISTS: UnverifiedOrdersMigrationTest adds them to a V50 schema so that today's repository
-- can write its rows. note_args holds the arguments joined by U+001F (arguments have no control characters).
ALTER TABLE order_status_change ADD COLUMN IF NOT EXISTS note_key VARCHAR(100);
ALTER TABLE order_status_change ADD COLUMN IF NOT EXISTS note_args VARCHAR(1000);
