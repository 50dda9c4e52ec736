-- The performance figures are kept until the records they read change:
-- the journeys, the activities, and the years of the return and the care
-- leavers held without a journey. The check reads how many of these there
-- are and the sum of their versions; these indexes hold both, so it reads
-- an index and not the records.
CREATE INDEX census_years_by_version ON census_years (version);
CREATE INDEX care_leavers_by_version ON care_leavers (version);
