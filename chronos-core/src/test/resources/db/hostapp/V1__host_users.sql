-- A host application's own first migration: its own users table, unrelated to Chronos's.
-- Portable SQL: the coexistence tests run it on H2, PostgreSQL and MariaDB.
CREATE TABLE users (
  id        INT          NOT NULL PRIMARY KEY,
  login     VARCHAR(100) NOT NULL,
  full_name VARCHAR(200)
);

INSERT INTO users (id, login, full_name) VALUES (1, 'alice', 'Alice Host');
