-- API tokens for `unmask serve`. Only a SHA-256 hash of each token is kept: a 256-bit random
-- token needs no salt or slow hash, and a stolen table reveals no usable token.
CREATE TABLE api_tokens (
  token_id         VARCHAR(40)  NOT NULL PRIMARY KEY,
  token_hash       VARCHAR(64)  NOT NULL UNIQUE,
  name             VARCHAR(200) NOT NULL,
  role             VARCHAR(20)  NOT NULL,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by       VARCHAR(200) NOT NULL,
  revoked          BOOLEAN      NOT NULL,
  revoked_at       TIMESTAMP WITH TIME ZONE
);
