-- People by name: a social worker's name beside their identifier (an
-- imported worker has none until one is given; pages then show the
-- identifier). Users already have a display name, a role and a team.
ALTER TABLE workers ADD COLUMN name TEXT NOT NULL DEFAULT '';
