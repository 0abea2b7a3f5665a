-- $1 SHA-256 of the session token, $2 user id, $3 expiry.
SELECT studio.open_session($1, $2, $3);
