-- $1 SHA-256 of the session token.
SELECT studio.close_session($1);
