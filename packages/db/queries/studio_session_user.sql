-- $1 SHA-256 of the session token, $2 now (the server's clock).
SELECT user_id, email FROM studio.session_user($1, $2);
