-- Unmask store, schema version 1. Portable SQL: the same file runs on H2 (embedded, one file)
-- and PostgreSQL. Types used: VARCHAR(n), INTEGER, BIGINT, DOUBLE PRECISION, BOOLEAN and
-- TIMESTAMP WITH TIME ZONE; no identity columns, no vendor functions.

-- One row per completed scan. The row is written in the same transaction as everything the scan
-- stored, so its presence marks the scan as complete.
CREATE TABLE scans (
  scan_id        VARCHAR(100)  NOT NULL PRIMARY KEY,
  dataset        VARCHAR(2000),
  scanned_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  findings       INTEGER NOT NULL,
  persons        INTEGER NOT NULL,
  farms          INTEGER NOT NULL,
  applicants     INTEGER NOT NULL,
  cases_opened   INTEGER NOT NULL,
  suppressed     INTEGER NOT NULL
);

-- Raw evidence: findings (summaries already pseudonymised by the scan) and where they point.
CREATE TABLE findings (
  finding_id     VARCHAR(100)  NOT NULL PRIMARY KEY,
  rule_id        VARCHAR(300)  NOT NULL,
  title          VARCHAR(1000) NOT NULL,
  severity       VARCHAR(16)   NOT NULL,
  attack         VARCHAR(1000) NOT NULL,
  observed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  entity_type    VARCHAR(16)   NOT NULL,
  entity_id      VARCHAR(300)  NOT NULL,
  risk           DOUBLE PRECISION NOT NULL,
  summary        VARCHAR(10000) NOT NULL,
  suppressed_by  VARCHAR(400),
  first_scan_id  VARCHAR(100)  NOT NULL,
  last_scan_id   VARCHAR(100)  NOT NULL
);
CREATE INDEX findings_by_entity ON findings (entity_type, entity_id);
CREATE INDEX findings_by_time ON findings (observed_at);

CREATE TABLE evidence (
  finding_id     VARCHAR(100)  NOT NULL REFERENCES findings (finding_id) ON DELETE CASCADE,
  ordinal        INTEGER       NOT NULL,
  file           VARCHAR(2000) NOT NULL,
  line           BIGINT        NOT NULL,
  PRIMARY KEY (finding_id, ordinal)
);

-- Verdicts of the latest scan that saw each entity (reasons and members as JSON text).
CREATE TABLE person_verdicts (
  person_id        VARCHAR(300) NOT NULL PRIMARY KEY,
  risk_score       DOUBLE PRECISION NOT NULL,
  case_opened      BOOLEAN NOT NULL,
  first_flagged_at TIMESTAMP WITH TIME ZONE,
  reasons          VARCHAR(100000) NOT NULL,
  scan_id          VARCHAR(100) NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE applicant_verdicts (
  applicant_id     VARCHAR(300) NOT NULL PRIMARY KEY,
  risk_score       DOUBLE PRECISION NOT NULL,
  flagged          BOOLEAN NOT NULL,
  reasons          VARCHAR(100000) NOT NULL,
  scan_id          VARCHAR(100) NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE farms (
  farm_id          VARCHAR(300) NOT NULL PRIMARY KEY,
  members          VARCHAR(100000) NOT NULL,
  score            DOUBLE PRECISION NOT NULL,
  scan_id          VARCHAR(100) NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Cases: the human decisions. Scans refresh risk_score and reasons only.
CREATE TABLE cases (
  case_id          VARCHAR(320) NOT NULL PRIMARY KEY,
  person_id        VARCHAR(300) NOT NULL UNIQUE,
  status           VARCHAR(20)  NOT NULL,
  resolution       VARCHAR(20),
  assignee         VARCHAR(200),
  risk_score       DOUBLE PRECISION NOT NULL,
  reasons          VARCHAR(100000) NOT NULL,
  first_flagged_at TIMESTAMP WITH TIME ZONE,
  opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  closed_at        TIMESTAMP WITH TIME ZONE,
  last_scan_id     VARCHAR(100)
);

-- Append-only notes: the application never updates or deletes them.
CREATE TABLE case_notes (
  case_id          VARCHAR(320) NOT NULL REFERENCES cases (case_id),
  note_no          INTEGER      NOT NULL,
  author           VARCHAR(200) NOT NULL,
  written_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  body             VARCHAR(20000) NOT NULL,
  PRIMARY KEY (case_id, note_no)
);

CREATE TABLE suppressions (
  suppression_id   VARCHAR(700) NOT NULL PRIMARY KEY,
  scope            VARCHAR(20)  NOT NULL,
  person_id        VARCHAR(300),
  rule_id          VARCHAR(300),
  cidr             VARCHAR(100),
  case_id          VARCHAR(320),
  created_by       VARCHAR(200) NOT NULL,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Who a pseudonym stands for, as people.csv gave it at scan time. Kept only for people with a
-- case, read only through the reveal path (which requires a role and a reason and is audited).
CREATE TABLE identities (
  subject_type     VARCHAR(16)  NOT NULL,
  subject_id       VARCHAR(300) NOT NULL,
  identity         VARCHAR(100000) NOT NULL,
  scan_id          VARCHAR(100) NOT NULL,
  stored_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (subject_type, subject_id)
);

-- The audit log: a hash chain. row_hash = sha256(prev_hash || canonical row); audit_head holds
-- the last link so that deleting the newest rows is detected too.
CREATE TABLE audit_log (
  seq              BIGINT       NOT NULL PRIMARY KEY,
  at               TIMESTAMP WITH TIME ZONE NOT NULL,
  actor            VARCHAR(200) NOT NULL,
  action           VARCHAR(100) NOT NULL,
  target           VARCHAR(700) NOT NULL,
  details          VARCHAR(100000) NOT NULL,
  prev_hash        VARCHAR(64)  NOT NULL,
  row_hash         VARCHAR(64)  NOT NULL
);

CREATE TABLE audit_head (
  id               INTEGER      NOT NULL PRIMARY KEY,
  last_seq         BIGINT       NOT NULL,
  last_hash        VARCHAR(64)  NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
