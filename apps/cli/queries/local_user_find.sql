-- The local user of `simforge start` by email (superuser connection). $1 email.
SELECT id FROM auth.users WHERE email = lower($1);
