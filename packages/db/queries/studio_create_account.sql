-- $1 email, $2 scrypt hash. user_id is NULL when the email already has an account.
SELECT studio.create_account($1, $2) AS user_id;
