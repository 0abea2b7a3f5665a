INSERT INTO simforge.migrations (name, checksum) VALUES ($1, $2);
