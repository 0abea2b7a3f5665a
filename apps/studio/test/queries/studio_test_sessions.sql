-- Tests only: the stored session hashes of a user. $1 user id.
SELECT token_hash FROM studio.sessions WHERE user_id = $1;
