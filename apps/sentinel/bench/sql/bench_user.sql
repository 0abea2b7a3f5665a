-- Benchmark (c): the user whose nodes and job the HTTP benchmark uses. $1 email
INSERT INTO auth.users (email) VALUES ($1) RETURNING id;
