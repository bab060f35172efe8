-- The host application's own users table, in its default schema, migrated by its own Flyway.
CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  login VARCHAR(100) NOT NULL
);
INSERT INTO users (id, login) VALUES (1, 'host-user');
