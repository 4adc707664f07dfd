-- A user's sub is "local:" + the e-mail (up to 254 characters) or "oidc:" + issuer + "#" + subject:
-- 255 characters could be too few for either.
ALTER TABLE users ALTER COLUMN sub SET DATA TYPE VARCHAR(1024);
