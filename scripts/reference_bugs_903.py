"""The reference validator's known bugs, each shown by a return of two rows
or so that both validators are run on by scripts/conformance-903: the rows
the rule should report (ours), and what the reference reports. The report
(target/conformance/report.md) prints each with both answers, so that
CONFORMANCE.md's account of each bug is checked on every run.

Collection year 2024-25 (1 April 2024 to 31 March 2025)."""

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
UASC = "CHILD,SEX,DOB,DUC"
OC2 = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED"
OC3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM"
MISSING = "CHILD,DOB,MISSING,MIS_START,MIS_END"
PLACED = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"
SW = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON"


def table(header, *rows):
    return header + "\n" + "".join(r + "\n" for r in rows)


# Each: the rule, what the reference does wrong, this year's tables (file
# name -> CSV text), last year's (or None), and the (table, row) pairs the
# rule should report.
EXAMPLES = [
    {
        "rule": "202",
        "bug": "compares the sex code as text with last year's, and 2024-25 codes sex M/F where 2023-24 coded it 1/2, so every child in both years (C1: 2 last year, F this year) is reported as changing sex; only C2 (1 last year, F this year) has",
        "this": {
            "Header.csv": table(HEADER, "C1,F,01/06/2010,WBRI,,,", "C2,F,01/06/2010,WBRI,,,"),
        },
        "last": {
            "Header.csv": table(HEADER, "C1,2,01/06/2010,WBRI,,,", "C2,1,01/06/2010,WBRI,,,"),
        },
        "expected": {("Header", 1)},
    },
    {
        "rule": "205A",
        "bug": "starts from this year's UASC rows, so a child UASC last year with no UASC row this year is never checked",
        "this": {
            "Header.csv": table(HEADER, "C1,M,01/06/2010,WBRI,,,", "C2,M,01/06/2010,WBRI,,,"),
            "UASC.csv": table(UASC, "C2,M,01/06/2010,"),
        },
        "last": {
            "Header.csv": table(HEADER, "C1,M,01/06/2010,WBRI,,,", "C2,M,01/06/2010,WBRI,,,"),
            "UASC.csv": table(UASC, "C1,M,01/06/2010,", "C2,M,01/06/2010,"),
        },
        "expected": {("Header", 0)},
    },
    {
        "rule": "336",
        "bug": "its list of placements for adoption is A3/A4 where its own comment (and the rule) says A3/A5",
        "this": {
            "Episodes.csv": table(
                EPISODES,
                "C1,01/04/2024,S,C2,N1,R1,PR1,01/06/2024,X1,,,,",
                "C1,01/06/2024,T,E1,N1,A5,PR1,,,,,,",
            ),
        },
        "last": None,
        "expected": {("Episodes", 1)},
    },
    {
        "rule": "347",
        "bug": "tests ACCOM == \"T\" where the codes are T1 and T2, so it never fires",
        "this": {
            "Header.csv": table(HEADER, "C1,M,01/06/2007,WBRI,,,"),
            "OC3.csv": table(OC3, "C1,01/06/2007,YES,F2,T1"),
        },
        "last": None,
        "expected": {("OC3", 0)},
    },
    {
        "rule": "581",
        "bug": "a blank MIS_START is reported as a missing episode before care began (1004 reports the blank start)",
        "this": {
            "Episodes.csv": table(EPISODES, "C1,01/04/2024,S,C2,N1,U1,PR1,,,,,,"),
            "Missing.csv": table(MISSING, "C1,01/06/2010,M,,", "C1,01/06/2010,M,01/03/2024,"),
        },
        "last": None,
        "expected": {("Missing", 1)},
    },
    {
        "rule": "625",
        "bug": "drops episodes with a blank DEC before finding the latest, so a mother's child born after an earlier episode ended, while the child is still looked after, is reported",
        "this": {
            "Header.csv": table(HEADER, "C1,F,01/06/2008,WBRI,,1,01/08/2024"),
            "Episodes.csv": table(
                EPISODES,
                "C1,01/04/2024,S,C2,N1,U1,PR1,01/06/2024,X1,,,,",
                "C1,01/06/2024,P,C2,N1,U4,PR1,,,,,,",
            ),
        },
        "last": None,
        "expected": set(),
    },
    {
        "rule": "1007",
        "bug": "reads a blank DEC as never in care on the birthday, so a care leaver still looked after on their birthday is not reported",
        "this": {
            "Header.csv": table(HEADER, "C1,M,01/06/2007,WBRI,,,"),
            "Episodes.csv": table(EPISODES, "C1,01/04/2024,S,C2,N1,U1,PR1,,,,,,"),
            "OC3.csv": table(OC3, "C1,01/06/2007,YES,F2,S2"),
        },
        "last": None,
        "expected": {("OC3", 0)},
    },
    {
        "rule": "SW10STG2",
        "bug": "an invalid date fails (SW04STG1 and SW05STG1 report those); the rule is about the gap between episodes",
        "this": {
            "SWEpisodes.csv": table(
                SW,
                "C1,01/06/2010,SW1001,01/05/2024,10/05/2024,MANAGE",
                "C1,01/06/2010,SW1002,31/02/2024,,MANAGE",
            ),
        },
        "last": None,
        "expected": set(),
    },
    {
        "rule": "1001",
        "bug": "care leavers aged 20 or over at the year's end are left out of its totals of time in care, and so are reported however long they were looked after (C1, 20, in care from 16 to 18; C2, 18, the same)",
        "this": {
            "Header.csv": table(HEADER, "C1,M,01/06/2004,WBRI,,,", "C2,M,01/06/2006,WBRI,,,"),
            "Episodes.csv": table(EPISODES, "C2,01/06/2022,S,C2,N1,U1,PR1,01/06/2024,E13,,,,"),
            "OC3.csv": table(OC3, "C1,01/06/2004,YES,F2,S2", "C2,01/06/2006,YES,F2,S2"),
        },
        "last": {
            "Header.csv": table(HEADER, "C1,M,01/06/2004,WBRI,,,", "C2,M,01/06/2006,WBRI,,,"),
            "Episodes.csv": table(
                EPISODES,
                "C1,01/06/2020,S,C2,N1,U1,PR1,01/06/2022,E13,,,,",
                "C2,01/06/2022,S,C2,N1,U1,PR1,,,,,,",
            ),
        },
        "expected": set(),
    },
    {
        "rule": "1016",
        "bug": "measures ages in years of 365.2425 days, so a care leaver whose 17th birthday is 31 March 2025 (6,209 days old, 16.9998 such years) is not yet 17 at the year's end, and the OC3 row of one still looked after on that birthday is not reported",
        "this": {
            "Header.csv": table(HEADER, "C1,M,31/03/2008,WBRI,,,", "C2,M,30/03/2008,WBRI,,,"),
            "Episodes.csv": table(
                EPISODES,
                "C1,01/04/2024,S,C2,N1,U1,PR1,31/03/2025,E13,,,,",
                "C2,01/04/2024,S,C2,N1,U1,PR1,31/03/2025,E13,,,,",
            ),
            "OC3.csv": table(OC3, "C1,31/03/2008,YES,F2,S2", "C2,30/03/2008,YES,F2,S2"),
        },
        "last": None,
        "expected": {("OC3", 0), ("OC3", 1)},
    },
    {
        "rule": "231",
        "bug": "reads a Header column UASC_STATUS that no return has (its reader adds the flag as UASC), so it fails to run on every return and never reports",
        "this": {
            "Header.csv": table(HEADER, "C1,M,01/06/2016,WBRI,,,", "C2,M,01/06/2010,WBRI,,,"),
            "UASC.csv": table(UASC, "C1,M,01/06/2016,", "C2,M,01/06/2010,"),
        },
        "last": None,
        "expected": {("Header", 0)},
    },
    {
        "rule": "205D",
        "bug": "its reader sets the Header's UASC flag by position in a join with the UASC table, so a child with two UASC rows shifts the flag onto the Header rows after it: C2, never UASC, is taken as UASC this year and not last",
        "this": {
            "Header.csv": table(HEADER, "C1,M,01/06/2008,WBRI,,,", "C2,M,01/06/2008,WBRI,,,"),
            "UASC.csv": table(UASC, "C1,M,01/06/2008,", "C1,M,01/06/2008,"),
        },
        "last": {
            "Header.csv": table(HEADER, "C1,M,01/06/2008,WBRI,,,", "C2,M,01/06/2008,WBRI,,,"),
            "UASC.csv": table(UASC, "C1,M,01/06/2008,"),
        },
        "expected": set(),
    },
    {
        "rule": "189",
        "bug": "(a reading, not a bug) reports only children 17 before 1 April; the rule's \"aged 17 years or over at the beginning of the year\" includes a 17th birthday on 1 April itself, as ours reads it",
        "this": {
            "OC2.csv": table(OC2, "C1,01/04/2007,10,,0,1,1,1,1,0,,", "C2,02/04/2007,10,,0,1,1,1,1,0,,"),
        },
        "last": None,
        "expected": {("OC2", 0)},
    },
    {
        "rule": "165",
        "bug": "its 2024-25 version still tests the sex codes 1 and 2 where 2024-25 writes M and F, so it never reports a girl in care this year with no mother status (C1) nor a boy with one (C2)",
        "this": {
            "Header.csv": table(HEADER, "C1,F,01/06/2010,WBRI,,,", "C2,M,01/06/2010,WBRI,,1,"),
            "Episodes.csv": table(
                EPISODES,
                "C1,01/06/2024,S,C2,N1,U1,PR1,,,,,,",
                "C2,01/06/2024,S,C2,N1,U1,PR1,,,,,,",
            ),
            "OC3.csv": table(OC3, "C3,01/06/2006,YES,F2,S2"),
        },
        "last": None,
        "expected": {("Header", 0), ("Header", 1)},
    },
    {
        "rule": "503J",
        "bug": "compares the two years' placement locations as text after joining last year's latest episodes, and when every other text column of those episodes is blank pandas turns last year's missing location into NaN, so an unknown location (no postcode in either year) reads as `<NA>` this year and `nan` last year and is reported as a change",
        "this": {
            "Episodes.csv": table(EPISODES, "C1,01/06/2023,S,C2,N1,U1,PR1,,,,,,"),
        },
        "last": {
            "Episodes.csv": table(EPISODES, "C1,01/06/2023,,,,,,,,,,,"),
        },
        "expected": set(),
    },
    {
        "rule": "SW11bSTG2",
        "bug": "counts 31 March itself as before 31 March (C1's only episode ends on 31 March), and compares each episode with the one before it rather than looking for one after it, so C2's episode ending 28 March is reported though the next begins that day",
        "this": {
            "Episodes.csv": table(
                EPISODES,
                "C1,01/04/2024,S,C2,N1,U1,PR1,,,,,,",
                "C2,01/04/2024,S,C2,N1,U1,PR1,,,,,,",
            ),
            "SWEpisodes.csv": table(
                SW,
                "C1,01/06/2010,SW1001,01/04/2024,31/03/2025,MANAGE",
                "C2,01/06/2010,SW1002,01/04/2024,01/10/2024,MANAGE",
                "C2,01/06/2010,SW1003,01/10/2024,28/03/2025,MANAGE",
                "C2,01/06/2010,SW1004,28/03/2025,,MANAGE",
            ),
        },
        "last": None,
        "expected": set(),
    },
    {
        "rule": "SW12STG2",
        "bug": "passes an open care episode only when it begins care (RNE S) and a social worker episode starts on or after it, so C1, allocated a social worker before coming into care and still with them, is reported; and it does not restrict the rule to children looked after on 31 March, so C2, who left care in April, is reported",
        "this": {
            "Episodes.csv": table(
                EPISODES,
                "C1,01/04/2024,S,C2,N1,U1,PR1,,,,,,",
                "C2,01/01/2024,S,C2,N1,U1,PR1,10/04/2024,E13,,,,",
            ),
            "SWEpisodes.csv": table(SW, "C1,01/06/2010,SW1001,01/02/2024,,MANAGE"),
        },
        "last": None,
        "expected": set(),
    },
    {
        "rule": "558",
        "bug": "(a reading, not a bug) reports an adopted child only with more than one decision to place for adoption and none open; the rule asks that an adopted child's decision has no date it ceased, so ours reports an adopted child whose one decision ceased",
        "this": {
            "Episodes.csv": table(EPISODES, "C1,01/04/2024,S,E1,N1,A5,PR1,01/10/2024,E11,,,,"),
            "PlacedAdoption.csv": table(PLACED, "C1,01/06/2015,01/05/2024,01/09/2024,"),
        },
        "last": None,
        "expected": {("Episodes", 0)},
    },
    {
        "rule": "199",
        "bug": "sorts both years' episodes together with an unstable sort, so when the same adoption episode is in both returns (C1's, begun 26/11/2023) the order of the two equal starts is arbitrary; with 15 other children's episodes before it (more than the 16 rows numpy sorts stably) last year's row comes first and this year's is reported as a second adoption",
        "this": {
            "Episodes.csv": table(
                EPISODES,
                *[
                    f"F{n:02},{d},S,C2,N1,U1,PR1,,,,,,"
                    for n, d in enumerate(
                        ["08/08/2024", "19/03/2025", "03/07/2024", "09/10/2024", "31/07/2024",
                         "09/02/2025", "17/01/2025", "28/01/2025", "12/12/2024", "16/09/2024",
                         "19/07/2024", "05/02/2025", "15/06/2024", "17/12/2024", "08/01/2025"],
                        start=1,
                    )
                ],
                "C1,26/11/2023,S,E1,N1,A5,PR1,10/02/2024,E12,,,,",
            ),
        },
        "last": {
            "Episodes.csv": table(EPISODES, "C1,26/11/2023,S,E1,N1,A5,PR1,10/02/2024,E12,,,,"),
        },
        "expected": set(),
    },
]


# Rules that cannot report five rows on both sides of scripts/conformance-903,
# and why (lower-case codes, as the report writes them).
NOT_EXERCISED = {
    "105": "judges the UASC flag of the XML form; on CSV (these returns) the flag is derived from the UASC table and cannot be wrong (the reference skips CSV outright); its unit tests check the XML form",
    "303": "as 105: the UASC flag of the XML form only",
    "231": "the reference's 231 reads a Header column UASC_STATUS that no return has, so it fails to run on every return (the reference's bugs above show it); ours reports",
    "205d": "ours reports 4 rows over the returns; every row the reference reports more comes from its reader's bug (205D among the reference's bugs above), and its own test marks UASC children by the XML form's Header flag, which CSV cases cannot carry, so its own cases fail nothing on either side",
    "164": "judges PL_DISTANCE, which both validators derive from the home and placement postcodes through the ONS directory: no two UK postcodes are more than 999.9 miles apart, so a derived distance is never out of range (a CSV return carries no distance of its own)",
    "411": "judges PL_LOCATION against PL_LA, and both validators derive both from the placement postcode (IN exactly when PL_LA is the council), so the two cannot disagree on a CSV return",
}
