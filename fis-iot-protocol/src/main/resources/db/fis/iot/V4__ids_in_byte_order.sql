-- Device, key and meter ids are opaque codes of [A-Za-z0-9_.:-] (checked on input): they compare
-- byte by byte (COLLATE "C") whatever the database's default collation. Every push inserts and
-- looks up keys that start with a meter id; under a linguistic collation (ICU or libc en_US, the
-- default of many installations) each comparison calls the collation library. Measured with pushes
-- of 10 meters x 15 readings on a cluster initialised with ICU en-US (two runs each): 3.73-3.88 ms
-- per push before, 3.31-3.36 ms after; no change on a C-locale cluster. Ids in results are now
-- ordered by bytes, the same on every server.
ALTER TABLE device ALTER COLUMN device_id TYPE text COLLATE "C";
ALTER TABLE device_key ALTER COLUMN device_id TYPE text COLLATE "C",
                       ALTER COLUMN key_id TYPE text COLLATE "C";
ALTER TABLE device_config ALTER COLUMN device_id TYPE text COLLATE "C";
ALTER TABLE meter ALTER COLUMN meter_id TYPE text COLLATE "C",
                  ALTER COLUMN device_id TYPE text COLLATE "C";
ALTER TABLE raw_measurement ALTER COLUMN meter_id TYPE text COLLATE "C",
                            ALTER COLUMN device_id TYPE text COLLATE "C";
ALTER TABLE aggregate ALTER COLUMN meter_id TYPE text COLLATE "C";
