-- $1 email. No row when there is no such account.
SELECT user_id, encrypted_password FROM studio.password_hash_for($1);
