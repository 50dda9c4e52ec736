-- What each year's SSDA903 return stated beyond the care journey, kept as
-- stated: AD1, PlacedAdoption, OC2, OC3 and PrevPerm rows and the Header's
-- MOTHER and MC_DOB, one row per child and collection year (year_start is
-- the year of its 1 April), the record as JSON (domain::census::CensusYear).
-- child_id is a child of `children` or a care leaver of `care_leavers`.
CREATE TABLE census_years (
    child_id TEXT NOT NULL,
    year_start BIGINT NOT NULL,
    record TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id, year_start)
);

-- Care leavers a return states without an episode of care in its year (a
-- Header row and OC3 answers): the child's details as JSON (domain::child::Child).
CREATE TABLE care_leavers (
    id TEXT PRIMARY KEY,
    date_of_birth TEXT NOT NULL,
    record TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL
);
