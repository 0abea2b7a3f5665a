SELECT checksum FROM simforge.migrations WHERE name = $1;
