-- HTTP payload columns the first version lacked, and the checks of the HTTP column group.
-- The same in the PostgreSQL and MySQL/MariaDB folders: keep the three in step.
-- http_auth_name: the user name of BASIC auth, or the header name of API_KEY auth.
-- http_check_json_value: the value the JSON field named by http_check_json_field must have.
ALTER TABLE ${prefix}job_payloads ADD COLUMN http_auth_name VARCHAR(255);
ALTER TABLE ${prefix}job_payloads ADD COLUMN http_check_json_value VARCHAR(1000);
ALTER TABLE ${prefix}job_payloads ADD CONSTRAINT ${prefix}ck_job_payloads_http_auth_type
  CHECK (http_auth_type IS NULL OR http_auth_type IN ('BASIC', 'BEARER', 'API_KEY'));
ALTER TABLE ${prefix}job_payloads ADD CONSTRAINT ${prefix}ck_job_payloads_http_body_type
  CHECK (http_body_type IS NULL OR http_body_type IN ('TEXT', 'JSON'));
ALTER TABLE ${prefix}job_payloads ADD CONSTRAINT ${prefix}ck_job_payloads_http
  CHECK (payload_type <> 'HTTP' OR (http_url IS NOT NULL AND http_method IS NOT NULL));
