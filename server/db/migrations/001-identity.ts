// Identity: the nine districts, users with a role, registered workstations, refresh tokens and
// login attempts (rate limiting). The district is a column wherever scope will need it (Citus later).
import type { Migration } from './migration.js';

export const identity: Migration = {
  version: 1,
  name: 'identity',
  statements: [
    `CREATE TABLE districts (
      name text PRIMARY KEY,
      position smallint NOT NULL UNIQUE
    )`,
    `INSERT INTO districts (name, position) VALUES
      ('Железнодорожный', 1), ('Кировский', 2), ('Красноглинский', 3), ('Куйбышевский', 4), ('Ленинский', 5),
      ('Октябрьский', 6), ('Промышленный', 7), ('Самарский', 8), ('Советский', 9)`,
    `CREATE TABLE users (
      id uuid PRIMARY KEY,
      login text NOT NULL UNIQUE CHECK (login = lower(login) AND length(login) BETWEEN 1 AND 64),
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('operator', 'district_controller', 'deputy_head', 'department', 'admin')),
      district text REFERENCES districts (name),
      -- "scrypt$ln=15,r=8,p=1$<salt>$<hash>": the parameters and the per-user salt travel with the hash.
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL,
      CONSTRAINT users_district_by_role CHECK ((role IN ('department', 'admin')) = (district IS NULL))
    )`,
    `CREATE TABLE devices (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      -- NULL: a workstation of the Department or an admin, which works across all districts.
      district text REFERENCES districts (name),
      registered_by uuid NOT NULL REFERENCES users (id),
      registered_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users (id)
    )`,
    `CREATE TABLE refresh_tokens (
      id uuid PRIMARY KEY,
      -- All tokens rotated from one login share a family; reuse of a rotated token revokes the family.
      family_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users (id),
      device_id uuid NOT NULL,
      issued_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      revoked_reason text
    )`,
    'CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)',
    'CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)',
    'CREATE INDEX refresh_tokens_device ON refresh_tokens (device_id)',
    `CREATE TABLE login_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      login text NOT NULL,
      ip text NOT NULL,
      at timestamptz NOT NULL,
      succeeded boolean NOT NULL
    )`,
    'CREATE INDEX login_attempts_login ON login_attempts (login, at)',
    'CREATE INDEX login_attempts_ip ON login_attempts (ip, at)',
  ],
};
